-- 0001: the first schema (PostgreSQL).
CREATE TABLE users (
  id BIGSERIAL PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT,
  city TEXT,
  active BOOLEAN NOT NULL DEFAULT true,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS "orders" (
  id BIGSERIAL PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),   -- PostgreSQL does not index foreign keys
  status TEXT NOT NULL,
  customer_id BIGINT,
  total NUMERIC(10, 2),
  created_at TIMESTAMPTZ DEFAULT now(),
  note TEXT
);

/* Line items: a composite primary key. */
CREATE TABLE order_items (
  order_id BIGINT NOT NULL,
  sku TEXT NOT NULL,
  qty INT CHECK (qty > 0),
  PRIMARY KEY (order_id, sku),
  CONSTRAINT fk_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
);

CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.created_at = now(); -- a function body: not a statement of this file
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

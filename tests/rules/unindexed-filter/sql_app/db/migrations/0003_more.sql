CREATE INDEX orders_customer_created ON orders (customer_id, created_at DESC);
ALTER TABLE users ADD COLUMN referrer TEXT;
ALTER TABLE users ADD CONSTRAINT users_name_key UNIQUE (name);
CREATE INDEX users_city_idx ON users (city);

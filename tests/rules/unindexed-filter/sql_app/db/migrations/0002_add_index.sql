-- 0002: the index on orders.status comes in a later migration.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx ON public.orders USING btree (status);

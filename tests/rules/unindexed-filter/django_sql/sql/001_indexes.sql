-- Indexes added by hand next to the ORMs' own migrations: an index is an index.
CREATE INDEX shop_order_status ON shop_order (status);
CREATE INDEX shop_order_region_placed ON shop_order (region, placed);
CREATE UNIQUE INDEX customers_email ON customers (email);
CREATE INDEX invoices_number ON invoices (number);

// Checkout and stock services.
const sequelize = require('../db');
const { Order, OrderLine, Product, Setting } = require('../models');

// Slow: a SELECT per cart item, an INSERT per line, and the same settings
// query repeated for every item.
async function placeOrderSlow(customerId, items) {
  const order = await Order.create({ customerId });
  let total = 0;
  for (const item of items) {
    const product = await Product.findByPk(item.productId);
    const vat = await Setting.findOne({ where: { key: 'vat' } });
    const price = product.price * (1 + Number(vat.value));
    await OrderLine.create({ orderId: order.id, productId: product.id, quantity: item.quantity, price });
    total += price * item.quantity;
  }
  order.total = total;
  await order.save();
  return order;
}

// Fast: one query for the products, the setting read once, one multi-row INSERT.
async function placeOrder(customerId, items) {
  const products = await Product.findAll({ where: { id: items.map((i) => i.productId) } });
  const byId = new Map(products.map((p) => [p.id, p]));
  const vat = await Setting.findOne({ where: { key: 'vat' } });
  return sequelize.transaction(async (transaction) => {
    const order = await Order.create({ customerId }, { transaction });
    const lines = items.map((item) => ({
      orderId: order.id,
      productId: item.productId,
      quantity: item.quantity,
      price: byId.get(item.productId).price * (1 + Number(vat.value)),
    }));
    await OrderLine.bulkCreate(lines, { transaction });
    order.total = lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
    await order.save({ transaction });
    return order;
  });
}

// Slow: the increments run concurrently, but it is still one UPDATE per delivery.
async function restockSlow(deliveries) {
  await Promise.all(
    deliveries.map((d) => Product.increment('stock', { by: d.quantity, where: { sku: d.sku } })),
  );
}

// Fast: one UPDATE joined with the list of deliveries.
async function restock(deliveries) {
  await sequelize.query(
    `UPDATE products AS p SET stock = p.stock + d.quantity
       FROM json_to_recordset(:deliveries) AS d(sku text, quantity int)
      WHERE p.sku = d.sku`,
    { replacements: { deliveries: JSON.stringify(deliveries) } },
  );
}

module.exports = { placeOrderSlow, placeOrder, restockSlow, restock };

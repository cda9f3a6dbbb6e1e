// Controllers of a sequelize-cli project: models come from the generated index.
const db = require('../models');

const { Product } = db;

async function requirements(items) {
  const out = [];
  for (const item of items) {
    const product = await Product.findByPk(item.productId); // expect: query-in-loop
    const again = await db.Product.findOne({ where: { id: item.productId } }); // expect: query-in-loop
    // Known gap: `product` is an instance of a model the analysis cannot resolve, so its
    // association accessor is not known to query.
    const components = await product.getComponents(); // todo-expect: query-in-loop
    out.push({ product, again, components });
  }
  return out;
}

async function requirementsFast(items) {
  return Product.findAll({
    where: { id: items.map((i) => i.productId) },
    include: [{ model: db.Component, as: 'components' }],
  });
}

module.exports = { requirements, requirementsFast };

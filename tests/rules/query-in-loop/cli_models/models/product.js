module.exports = (sequelize, DataTypes) => {
  const Product = sequelize.define('Product', {
    name: DataTypes.STRING,
    stock: DataTypes.INTEGER,
  });
  Product.associate = (models) => {
    Product.hasMany(models.Component, { as: 'components' });
  };
  return Product;
};

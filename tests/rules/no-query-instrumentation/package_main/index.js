const mongoose = require('mongoose'); // expect: no-query-instrumentation

const Order = mongoose.model('Order', new mongoose.Schema({ total: Number }));

async function main() {
  await mongoose.connect(process.env.MONGO_URL);
  console.log(await Order.countDocuments());
}

main();

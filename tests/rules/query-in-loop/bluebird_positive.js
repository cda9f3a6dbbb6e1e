// Bluebird's Promise.map runs the callbacks concurrently (with a concurrency cap), one query each.
const Promise = require('bluebird');
const { Model } = require('sequelize');
const mongoose = require('mongoose');

class Invoice extends Model {}
const Payment = mongoose.model('Payment', new mongoose.Schema({ invoiceId: String, amount: Number }));

function invoicesOf(ids) {
  return Promise.map(ids, (id) => Invoice.findOne({ where: { id } }), { concurrency: 10 }); // expect: query-in-loop
}

function paymentsOf(invoices) {
  return Promise.map(invoices, async (invoice) => {
    const payments = await Payment.find({ invoiceId: invoice.id }); // expect: query-in-loop
    return { invoice, payments };
  });
}

function invoicesFast(ids) {
  return Invoice.findAll({ where: { id: ids } });
}

function paymentsFast(invoices) {
  return Payment.find({ invoiceId: { $in: invoices.map((i) => i.id) } });
}

module.exports = { invoicesOf, paymentsOf, invoicesFast, paymentsFast };

const express = require('express');
const orders = require('./routes/orders');

const app = express();
app.use(express.json());
app.use('/api', orders);

app.listen(process.env.PORT || 3000);

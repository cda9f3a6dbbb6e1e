export { Order } from './order';
export { default as Customer } from './customer';

import { load } from '../../lib/work';

export default function handler(req, res) {
  res.json(load());
}

function notExported(x) {
  return x;
}

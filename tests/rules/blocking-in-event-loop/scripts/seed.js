// A script: blocking calls are fine here.
const fs = require('fs');

function main() {
  const rows = JSON.parse(fs.readFileSync('seed.json', 'utf8'));
  return rows.length;
}

main();

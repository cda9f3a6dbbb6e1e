const { load } = require('../src/lib/work');

function main() {
  load();
}

main();

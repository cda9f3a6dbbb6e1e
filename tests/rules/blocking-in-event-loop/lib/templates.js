const fs = require('fs');

function renderTemplate(name) {
  return fs.readFileSync(`views/${name}.html`, 'utf8'); // expect: blocking-in-event-loop
}

module.exports = { renderTemplate };

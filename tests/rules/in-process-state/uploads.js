// Uploads kept on this server's disk (multer's disk storage is configured at
// module level, outside any request path: a known gap).
const express = require('express');
const multer = require('multer');

const upload = multer({ dest: 'uploads/' }); // todo-expect: in-process-state
const app = express();

app.post('/photo', upload.single('photo'), (req, res) => {
  res.json({ file: req.file.filename });
});

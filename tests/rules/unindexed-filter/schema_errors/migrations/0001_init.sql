CREATE TABLE tickets (id INTEGER PRIMARY KEY, subject TEXT, state TEXT);

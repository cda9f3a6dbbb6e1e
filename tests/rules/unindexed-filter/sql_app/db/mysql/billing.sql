-- MySQL: InnoDB indexes every foreign key.
CREATE TABLE `invoices` (
  `id` INT NOT NULL AUTO_INCREMENT,
  `customer` INT NOT NULL,
  `memo` VARCHAR(255),
  `number` VARCHAR(32),
  PRIMARY KEY (`id`),
  UNIQUE KEY `invoices_number` (`number`),
  KEY `invoices_memo_prefix` (`memo`(10)),
  CONSTRAINT `fk_customer` FOREIGN KEY (`customer`) REFERENCES `users` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE [ledger] ([id] INT PRIMARY KEY, [account] INT, [kind] VARCHAR(10));

"""The project's peewee base model."""
import peewee

database = peewee.SqliteDatabase("library.db")


class BaseModel(peewee.Model):
    class Meta:
        database = database

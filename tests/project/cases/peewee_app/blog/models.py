from peewee import CharField, DateTimeField, ForeignKeyField, Model, SqliteDatabase

db = SqliteDatabase("blog.db")


class BaseModel(Model):
    class Meta:
        database = db


class User(BaseModel):
    username = CharField(unique=True)
    city = CharField()


class Tweet(BaseModel):
    user = ForeignKeyField(User, backref="tweets")
    message = CharField()
    created = DateTimeField(index=True)

    class Meta:
        indexes = ((("user", "created"), False),)


class Like(BaseModel):
    tweet = ForeignKeyField(Tweet)
    user = ForeignKeyField(User, index=False)

"""Configuration lookups: a plain class whose get() reads a dict."""


class Config:
    values = {"loan_days": 21, "reminder_days": 3}

    @classmethod
    def get(cls, key):
        return cls.values[key]

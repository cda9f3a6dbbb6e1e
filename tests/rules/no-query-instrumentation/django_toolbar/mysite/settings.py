DEBUG = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "debug_toolbar",
    "shop",
]

DATABASES = {
    "default": {"ENGINE": "django.db.backends.postgresql", "NAME": "shop"},
}

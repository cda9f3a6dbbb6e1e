SECRET_KEY = "not-a-secret"
DEBUG = True

INSTALLED_APPS = [  # expect: no-query-instrumentation
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "shop",
]

DATABASES = {
    "default": {"ENGINE": "django.db.backends.postgresql", "NAME": "shop"},
}

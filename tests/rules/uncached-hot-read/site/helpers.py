from site.models import Category


def footer_links():
    return [c.name for c in Category.objects.filter(active=True).order_by("name")]  # expect: uncached-hot-read

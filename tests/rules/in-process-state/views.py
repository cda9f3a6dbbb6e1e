from django.http import JsonResponse

RATE = {}
QUEUE = []


def throttle(key):
    RATE[key] = RATE.get(key, 0) + 1  # expect: in-process-state
    return RATE[key] > 100


def api(request):
    if throttle(request.META["REMOTE_ADDR"]):
        return JsonResponse({"error": "slow down"}, status=429)
    QUEUE.extend([request.path])  # expect: in-process-state
    return JsonResponse({"ok": True})

/* parallel.c - running one function on several threads (util.h). */
#include "headroom/util.h"

#include <pthread.h>

enum { MAX_THREADS = 64 };

void hr_parallel(int n, void *(*fn)(void *), void *args, size_t stride)
{
    if (n > MAX_THREADS)
        n = MAX_THREADS;
    pthread_t threads[MAX_THREADS];
    int started = 0;
    for (int t = 1; t < n; t++) {
        if (pthread_create(&threads[started], NULL, fn, (char *)args + (size_t)t * stride) != 0)
            break; /* fewer threads is fine: fn takes its work from a shared counter */
        started++;
    }
    fn(args);
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
}

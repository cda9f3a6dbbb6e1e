/* path.c - reading files and joining paths. */
#include "headroom/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int hr_read_file(char **out, size_t *out_len, const char *path, size_t max_size)
{
    *out = NULL;
    *out_len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return -errno;
    int rc = 0;
    char *data = NULL;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        rc = -errno;
        goto cleanup;
    }
    if (!S_ISREG(st.st_mode)) {
        rc = -EINVAL;
        goto cleanup;
    }
    if ((uint64_t)st.st_size > max_size) {
        rc = -EFBIG;
        goto cleanup;
    }
    /* one spare byte past the NUL's: the read that sees the end of the file
     * needs room, and without it every buffer doubled (2x the source text
     * kept for the whole run; docs/performance.md) */
    size_t cap = (size_t)st.st_size + 2, len = 0;
    data = hr_xmalloc(cap);
    for (;;) {
        if (len + 1 == cap) {
            if (cap > max_size + 1) { /* file grew past the cap while reading */
                rc = -EFBIG;
                goto cleanup;
            }
            cap *= 2;
            data = hr_xrealloc(data, cap, 1);
        }
        ssize_t r = read(fd, data + len, cap - 1 - len);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            rc = -errno;
            goto cleanup;
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    if (len > max_size) {
        rc = -EFBIG;
        goto cleanup;
    }
    data[len] = 0;
    if (cap - len > 4096) /* its size changed while it was read: give back the slack */
        data = hr_xrealloc(data, len + 1, 1);
    *out = data;
    *out_len = len;
    data = NULL;
cleanup:
    free(data);
    close(fd);
    return rc;
}

char *hr_path_join(hr_arena *a, const char *dir, const char *name)
{
    if (!dir[0] || strcmp(dir, ".") == 0)
        return hr_arena_strdup(a, name);
    size_t n = strlen(dir);
    return hr_arena_printf(a, "%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

const char *hr_path_basename(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

char *hr_path_dirname(hr_arena *a, const char *path)
{
    const char *s = strrchr(path, '/');
    if (!s)
        return hr_arena_strdup(a, ".");
    if (s == path)
        return hr_arena_strdup(a, "/");
    return hr_arena_strndup(a, path, (size_t)(s - path));
}

/* libclang_load.c - opens libclang with dlopen() on first use and fills the
 * table of its entry points (libclang_load.h). */
#define _GNU_SOURCE /* dladdr */
#include "libclang_load.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef HR_LIBCLANG_PATH
#error "HR_LIBCLANG_PATH (the libclang CMake found) must be defined"
#endif

/* dlsym returns functions as void *; POSIX guarantees the round trip. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "function pointers must fit in void *");

hr_libclang hr_libclang_api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char load_error[1024]; /* empty once loaded; written only under load_once */
static char identity[PATH_MAX + 64]; /* the loaded file, its size and mtime; written only under load_once */

/* Name and place in the table of every entry point. */
static const struct {
    const char *name;
    size_t offset;
} entries[] = {
#define HR_LIBCLANG_ENTRY(name) {#name, offsetof(hr_libclang, name)},
    HR_LIBCLANG_FUNCTIONS(HR_LIBCLANG_ENTRY)
#undef HR_LIBCLANG_ENTRY
};

static void load(void)
{
    const char *path = getenv("HEADROOM_LIBCLANG");
    if (!path || !*path)
        path = HR_LIBCLANG_PATH;
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *why = dlerror();
        snprintf(load_error, sizeof(load_error), "C/C++ support is unavailable: cannot load libclang (%s)",
                 why ? why : path);
        return;
    }
    hr_libclang api;
    for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
        void *fn = dlsym(lib, entries[i].name);
        if (!fn) {
            snprintf(load_error, sizeof(load_error),
                     "C/C++ support is unavailable: cannot load libclang (%s has no %s)", path, entries[i].name);
            dlclose(lib);
            return;
        }
        memcpy((char *)&api + entries[i].offset, &fn, sizeof(fn));
    }
    hr_libclang_api = api;
    /* What the result cache keys C/C++ models with: the file actually loaded
     * (dladdr resolves the soname's link) and its size and modification
     * time, so a libclang upgrade without a headroom rebuild misses. */
    Dl_info info;
    struct stat st;
    const char *file = dladdr(*(void **)((char *)&api + entries[0].offset), &info) && info.dli_fname
                           ? info.dli_fname
                           : path;
    char real[PATH_MAX];
    if (realpath(file, real))
        file = real; /* the versioned file behind the soname link */
    if (stat(file, &st) == 0)
        snprintf(identity, sizeof(identity), "%s %lld %lld.%09ld", file, (long long)st.st_size,
                 (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
    else
        snprintf(identity, sizeof(identity), "%s", file);
    /* `lib` stays open for the rest of the process: models keep no pointer
     * into libclang, but closing it would run LLVM's static destructors
     * while another thread could still be using it. */
}

int hr_libclang_load(void)
{
    pthread_once(&load_once, load);
    return load_error[0] ? -ENOTSUP : 0;
}

const char *hr_libclang_identity(void)
{
    pthread_once(&load_once, load);
    return load_error[0] ? NULL : identity;
}

const char *hr_libclang_error(void)
{
    pthread_once(&load_once, load);
    return load_error[0] ? load_error : NULL;
}

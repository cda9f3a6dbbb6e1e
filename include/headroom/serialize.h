/* serialize.h - a file model as a compact binary buffer and back
 * (analyzer/model/serialize.c; the per-file result cache stores these).
 *
 * The buffer holds every field of every struct in model.h except the derived
 * assign index (hr_model_build_index rebuilds it) and the path (the reader
 * takes it from its caller, so a model read back describes the file where it
 * is now). Strings are stored once each, in one table; cross references keep
 * their indexes. Integers are LEB128 varints, so a buffer does not depend on
 * the host's byte order or word size.
 *
 * The reader trusts nothing: every count is checked against the bytes left,
 * every string reference against the table, every index against its array
 * (-1 only where model.h allows "none"), enums against their values, parallel
 * lists against their partners, spans against the text length. A truncated,
 * corrupt or foreign buffer is rejected with a negative code, never crashed
 * on, and never leaves a partial model behind. It cannot tell a well-formed
 * buffer with altered text from the original: callers that store buffers
 * (engine/cache.c) add their own checksum. */
#ifndef HEADROOM_SERIALIZE_H
#define HEADROOM_SERIALIZE_H

#include "headroom/model.h"

/* Bumped whenever the layout (or model.h) changes; a buffer of another
 * version is rejected. */
#define HR_MODEL_FORMAT_VERSION 1u

/* Appends the serialised model to *out (binary; out->len is its length).
 * Returns 0, or -EOVERFLOW (nothing appended) when its strings exceed 4 GiB. */
int hr_model_write(hr_buf *out, const hr_file_model *m);

/* Reads data[0..len) into a new model (*out, owned by the caller, freed with
 * hr_file_model_free) whose path is `path`. Spans must lie within a text of
 * `text_len` bytes (SIZE_MAX: not checked). Returns 0, or -EINVAL (corrupt,
 * truncated, trailing bytes) / -EPROTO (another format version) with *out
 * NULL. The assign index is not built. */
int hr_model_read(hr_file_model **out, const void *data, size_t len, const char *path,
                  size_t text_len);

#endif

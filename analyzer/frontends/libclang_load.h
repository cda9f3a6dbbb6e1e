/* libclang_load.h - internal to analyzer/frontends: libclang's entry points
 * as a table of function pointers, filled with dlopen()/dlsym() the first
 * time a C/C++ file needs them.
 *
 * headroom does not link libclang: a linked libclang-14 (and the libLLVM-14
 * it pulls in) is mapped and relocated by the dynamic loader before main on
 * every run, about 55 MB of peak RSS even for `headroom --version` or a
 * Python-only project (docs/performance.md). clang.c calls every libclang
 * function through the table, `lc.clang_getCursorKind(c)`, after
 * hr_libclang_load() returned 0 on the calling thread.
 *
 * Only clang.c and libclang_load.c include this header (and so
 * clang-c/Index.h); neither is compiled in a build without libclang. */
#ifndef HEADROOM_LIBCLANG_LOAD_H
#define HEADROOM_LIBCLANG_LOAD_H

#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>

/* Every libclang function headroom calls, sorted. Using a new one is one line
 * here; its type comes from the declaration in clang-c/Index.h. */
#define HR_LIBCLANG_FUNCTIONS(X)                          \
    X(clang_CXXMethod_isConst)                            \
    X(clang_CXXMethod_isStatic)                           \
    X(clang_CompilationDatabase_dispose)                  \
    X(clang_CompilationDatabase_fromDirectory)            \
    X(clang_CompilationDatabase_getAllCompileCommands)    \
    X(clang_CompileCommand_getArg)                        \
    X(clang_CompileCommand_getDirectory)                  \
    X(clang_CompileCommand_getFilename)                   \
    X(clang_CompileCommand_getNumArgs)                    \
    X(clang_CompileCommands_dispose)                      \
    X(clang_CompileCommands_getCommand)                   \
    X(clang_CompileCommands_getSize)                      \
    X(clang_Cursor_getStorageClass)                       \
    X(clang_Cursor_isAnonymous)                           \
    X(clang_Cursor_isInlineNamespace)                     \
    X(clang_Cursor_isNull)                                \
    X(clang_File_isEqual)                                 \
    X(clang_Location_isFromMainFile)                      \
    X(clang_Location_isInSystemHeader)                    \
    X(clang_createIndex)                                  \
    X(clang_disposeDiagnostic)                            \
    X(clang_disposeIndex)                                 \
    X(clang_disposeString)                                \
    X(clang_disposeTokens)                                \
    X(clang_disposeTranslationUnit)                       \
    X(clang_equalCursors)                                 \
    X(clang_getArgType)                                   \
    X(clang_getCString)                                   \
    X(clang_getCanonicalType)                             \
    X(clang_getCursorExtent)                              \
    X(clang_getCursorKind)                                \
    X(clang_getCursorLocation)                            \
    X(clang_getCursorReferenced)                          \
    X(clang_getCursorSemanticParent)                      \
    X(clang_getCursorSpelling)                            \
    X(clang_getCursorType)                                \
    X(clang_getDiagnostic)                                \
    X(clang_getDiagnosticCategoryText)                    \
    X(clang_getDiagnosticLocation)                        \
    X(clang_getDiagnosticSeverity)                        \
    X(clang_getDiagnosticSpelling)                        \
    X(clang_getFile)                                      \
    X(clang_getFileLocation)                              \
    X(clang_getFileName)                                  \
    X(clang_getInclusions)                                \
    X(clang_getLocationForOffset)                         \
    X(clang_getNullCursor)                                \
    X(clang_getNumArgTypes)                               \
    X(clang_getNumDiagnostics)                            \
    X(clang_getPointeeType)                               \
    X(clang_getRange)                                     \
    X(clang_getRangeEnd)                                  \
    X(clang_getRangeStart)                                \
    X(clang_getTokenExtent)                               \
    X(clang_getTokenKind)                                 \
    X(clang_getTranslationUnitCursor)                     \
    X(clang_isConstQualifiedType)                         \
    X(clang_isCursorDefinition)                           \
    X(clang_isDeclaration)                                \
    X(clang_isExpression)                                 \
    X(clang_isInvalid)                                    \
    X(clang_isStatement)                                  \
    X(clang_parseTranslationUnit2)                        \
    X(clang_tokenize)                                     \
    X(clang_visitChildren)

/* One pointer per function, named like it and typed from its declaration
 * (__typeof__: gcc and clang, the compilers headroom builds with). */
typedef struct hr_libclang {
#define HR_LIBCLANG_POINTER(name) __typeof__(name) *name;
    HR_LIBCLANG_FUNCTIONS(HR_LIBCLANG_POINTER)
#undef HR_LIBCLANG_POINTER
} hr_libclang;

/* The table. Written once, by the first hr_libclang_load() (under
 * pthread_once), and read-only afterwards; call through it only after
 * hr_libclang_load() returned 0 on the calling thread, which also orders
 * the writes before the reads. */
extern hr_libclang hr_libclang_api;

/* Loads libclang once per process, from HEADROOM_LIBCLANG when that is set
 * and not empty (for tests: a missing or wrong library), else from the path
 * CMake found (HR_LIBCLANG_PATH). Thread-safe; every later call returns the
 * first call's answer. Returns 0, or -ENOTSUP when the library cannot be
 * opened or lacks one of the functions: hr_libclang_error() then says which
 * library and why. The library stays loaded until the process exits. */
int hr_libclang_load(void);

/* Why the load failed, a sentence for messages naming the library ("C/C++
 * support is unavailable: cannot load libclang (PATH: cannot open shared
 * object file...)"), or NULL when it succeeded. Loads like hr_libclang_load(). */
const char *hr_libclang_error(void);

/* The library loaded: its file (after links), size and modification time as
 * one line, or NULL when it could not be loaded. The result cache keys C/C++
 * models with it (hr_frontend_c_identity). Loads like hr_libclang_load(). */
const char *hr_libclang_identity(void);

#endif

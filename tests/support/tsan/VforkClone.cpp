// ThreadSanitizer builds only (scripts/test --tsan): lets the tests start
// processes (the stand-in, sshd, the CLI) without switching ThreadSanitizer
// off for the thread that started them.
//
// Qt 6.4's QProcess starts a child with clone(CLONE_VM | CLONE_VFORK): the
// child runs in the parent's memory until it calls exec. GCC 12's
// ThreadSanitizer intercepts clone() as if it were fork() and runs its
// "child after fork" bookkeeping in that child, that is, on the parent's own
// state: from then on the parent's starting thread ignores every memory
// access and report, and the parent dies at its next new thread ("starting
// new threads after multi-threaded fork is not supported"). A clone that
// shares memory is handed straight to glibc (as glibc's posix_spawn does);
// every other clone still goes through ThreadSanitizer.
#if defined(__SANITIZE_THREAD__)

#include <cstdarg>
#include <dlfcn.h>
#include <sched.h>
#include <sys/types.h>

namespace {
using CloneFn = int (*)(int (*)(void *), void *, int, void *, ...);

CloneFn glibcClone()
{
    static const CloneFn fn = reinterpret_cast<CloneFn>(dlsym(dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD), "clone"));
    return fn;
}

CloneFn sanitizerClone()
{
    static const CloneFn fn = reinterpret_cast<CloneFn>(dlsym(RTLD_NEXT, "clone"));
    return fn;
}
} // namespace

extern "C" int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
    // glibc reads the optional arguments only when flags ask for them.
    va_list rest;
    va_start(rest, arg);
    pid_t *parentTid = va_arg(rest, pid_t *);
    void *tls = va_arg(rest, void *);
    pid_t *childTid = va_arg(rest, pid_t *);
    va_end(rest);
    const CloneFn real = (flags & CLONE_VM) ? glibcClone() : sanitizerClone();
    return real(fn, stack, flags, arg, parentTid, tls, childTid);
}

#endif

/*
 * wasm-perfdiff launcher: starts one measured process and reports what the kernel says about it.
 *
 * Why it exists (see Launcher.cs for the C# side):
 *  - Max RSS. The tool is a .NET process of ~50 MB. A child made by posix_spawn/vfork (or fork) of
 *    the tool starts exec from the tool's address space, and the kernel's exec_mmap records the old
 *    mm's RSS high-water mark into the new process's signal->maxrss, so wait4's ru_maxrss is at least
 *    the tool's own RSS. This launcher is tiny (static when libc.a exists); the runtime is spawned
 *    from it, so what it inherits is the launcher's few hundred kilobytes, like /usr/bin/time's.
 *  - Timing. The wall clock is read here, right before the spawn and right after wait4() returns, on a
 *    thread that does nothing else: no .NET thread creation or continuation scheduling is counted.
 *  - No orphans. The launcher is a child subreaper: every descendant of the runtime, including one
 *    that called setsid(), is re-parented to it, so it can find and kill them all. It kills them
 *    when the runtime exits, when the tool asks (SIGTERM: timeout or cancellation) and when the
 *    tool dies (EOF on the lifeline pipe, whose write end only the tool holds).
 *
 *  - Quiet start. With a go pipe on fd 5 the launcher waits for one byte on it before it reads the clock
 *    and spawns: the tool writes it only when its own setup for the run is over and it is about to sleep
 *    in poll(), so none of the tool's work runs beside the measured process (on a 2-CPU VM that overlap
 *    cost every run ~0.2 ms of cross-CPU wake-ups and migrations).
 *
 * Protocol: launcher EXECUTABLE [ARG...]  — runs EXECUTABLE with argv = EXECUTABLE ARG..., the
 * launcher's environment, working directory and fds 0-2. fd 3: report pipe (write end); fd 4:
 * lifeline (read end); fd 5 (optional): go pipe (read end). None reaches the runtime. EOF on the go pipe
 * before its byte means the tool is gone: exit 70 without starting anything. On fd 3 the launcher writes one line:
 *   exec_errno=N                                                (the runtime could not be started; then the line below)
 *   done pid=P status=S utime_us=U stime_us=S maxrss_kb=K start_mono_ns=A start_real_ns=B end_mono_ns=C end_real_ns=D
 * status is the raw wait status. The launcher's own exit code is 0 when it reported, 70 otherwise.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define REPORT_FD 3
#define LIFELINE_FD 4
#define GO_FD 5

extern char **environ;

static pid_t target;
static int target_done;
static int target_status;
static struct rusage target_usage;
static struct timespec end_mono, end_real;

static long long ns(const struct timespec *t) { return (long long)t->tv_sec * 1000000000LL + t->tv_nsec; }

/* The target has ended: its end time first (the measurement), then its status and rusage. */
static void note_target(int status, const struct rusage *usage) {
    clock_gettime(CLOCK_MONOTONIC, &end_mono);
    clock_gettime(CLOCK_REALTIME, &end_real);
    target_done = 1;
    target_status = status;
    target_usage = *usage;
}

/* Reaps every exited child without blocking; records the target's status and rusage. 1 if children remain. */
static int reap(void) {
    for (;;) {
        int status;
        struct rusage usage;
        pid_t pid = wait4(-1, &status, WNOHANG | __WALL, &usage);
        if (pid == target && !target_done) {
            note_target(status, &usage);
            continue;
        }
        if (pid > 0) continue;
        if (pid < 0 && errno == EINTR) continue;
        return !(pid < 0 && errno == ECHILD);
    }
}

/* ppid of a process from /proc/PID/stat (the field after the command name's closing parenthesis). */
static pid_t parent_of(const char *pid) {
    char path[300], buf[512];
    snprintf(path, sizeof path, "/proc/%s/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return -1;
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    int ppid;
    if (!p || sscanf(p + 1, " %*c %d", &ppid) != 1) return -1;
    return ppid;
}

/* SIGKILLs every descendant of this launcher. Killing a process first and looking for its children
 * afterwards is enough: as a subreaper we inherit them, and the caller repeats until none is left. */
static void kill_descendants(void) {
    if (target > 0) kill(-target, SIGKILL); /* the runtime's process group, in one call */
    pid_t self = getpid();
    pid_t tree[4096];
    int count = 0;
    tree[count++] = self;
    /* A few passes over /proc build the descendant set even when /proc lists children after parents. */
    for (int pass = 0, grew = 1; grew && pass < 64; pass++) {
        grew = 0;
        DIR *d = opendir("/proc");
        if (!d) return;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] < '1' || e->d_name[0] > '9') continue;
            pid_t pid = (pid_t)atoi(e->d_name);
            int known = 0;
            for (int i = 0; i < count && !known; i++) known = tree[i] == pid;
            if (known) continue;
            pid_t ppid = parent_of(e->d_name);
            for (int i = 0; i < count; i++)
                if (tree[i] == ppid && count < 4096) {
                    kill(pid, SIGKILL);
                    tree[count++] = pid;
                    grew = 1;
                    break;
                }
        }
        closedir(d);
    }
}

/* Kills the whole tree and reaps until this launcher has no child left. */
static void kill_tree_and_reap(void) {
    while (reap()) {
        kill_descendants();
        /* Block for the next child to change state, then reap it and anything else ready. */
        int status;
        struct rusage usage;
        pid_t pid = wait4(-1, &status, __WALL, &usage);
        if (pid == target && !target_done) note_target(status, &usage);
    }
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "wasm-perfdiff launcher: usage: launcher EXECUTABLE [ARG...]\n");
        return 64;
    }
    fcntl(REPORT_FD, F_SETFD, FD_CLOEXEC);
    int lifeline = fcntl(LIFELINE_FD, F_SETFD, FD_CLOEXEC) == 0 ? LIFELINE_FD : -1;
    int go = fcntl(GO_FD, F_SETFD, FD_CLOEXEC) == 0 ? GO_FD : -1;
    signal(SIGPIPE, SIG_IGN);
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);

    sigset_t watched, empty;
    sigemptyset(&watched);
    sigemptyset(&empty);
    sigaddset(&watched, SIGCHLD);
    sigaddset(&watched, SIGTERM);
    sigaddset(&watched, SIGINT);
    sigaddset(&watched, SIGHUP);
    sigprocmask(SIG_BLOCK, &watched, NULL);
    int sfd = signalfd(-1, &watched, SFD_CLOEXEC | SFD_NONBLOCK);
    if (sfd < 0) {
        fprintf(stderr, "wasm-perfdiff launcher: signalfd failed: %s\n", strerror(errno));
        return 70;
    }

    if (go >= 0) {
        char c;
        ssize_t r;
        do r = read(go, &c, 1); while (r < 0 && errno == EINTR);
        if (r != 1) return 70;
        close(go);
    }

    struct timespec start_mono, start_real;
    clock_gettime(CLOCK_REALTIME, &start_real);
    clock_gettime(CLOCK_MONOTONIC, &start_mono);
    /* posix_spawn (glibc: clone with CLONE_VM|CLONE_VFORK) measured 0.05-0.2 ms faster per run than fork()
     * even from this small process. The runtime starts exec from this launcher's address space, so the
     * RSS high-water mark it inherits is the launcher's own few hundred kilobytes. */
    posix_spawnattr_t attr;
    sigset_t all;
    sigfillset(&all);
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigmask(&attr, &empty);
    posix_spawnattr_setsigdefault(&attr, &all);
    /* Own process group, so one kill(-pgid) reaches the runtime and everything it starts in it. */
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    int rc = posix_spawn(&target, argv[1], NULL, &attr, argv + 1, environ);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        clock_gettime(CLOCK_MONOTONIC, &end_mono);
        clock_gettime(CLOCK_REALTIME, &end_real);
        dprintf(REPORT_FD, "exec_errno=%d\n", rc);
        dprintf(REPORT_FD,
                "done pid=0 status=%d utime_us=0 stime_us=0 maxrss_kb=0 start_mono_ns=%lld start_real_ns=%lld end_mono_ns=%lld end_real_ns=%lld\n",
                127 << 8, ns(&start_mono), ns(&start_real), ns(&end_mono), ns(&end_real));
        return 0;
    }

    int lifeline_lost = 0;
    while (!target_done) {
        struct pollfd fds[2] = { { sfd, POLLIN, 0 }, { lifeline, POLLIN, 0 } };
        int n = poll(fds, lifeline >= 0 ? 2 : 1, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (fds[0].revents & POLLIN) {
            struct signalfd_siginfo info;
            int kill_requested = 0;
            while (read(sfd, &info, sizeof info) == sizeof info)
                if (info.ssi_signo != SIGCHLD) kill_requested = 1;
            reap();
            if (kill_requested) kill_tree_and_reap();
        }
        if (lifeline >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            char c;
            ssize_t r = read(lifeline, &c, 1);
            if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN)) {
                /* The tool is gone: nothing may outlive it. */
                lifeline_lost = 1;
                close(lifeline);
                lifeline = -1;
                kill_tree_and_reap();
            }
        }
    }
    /* The runtime has exited: whatever it left behind (a daemon, a setsid grandchild) goes too, so
     * nobody holds the output pipes open and nothing keeps running into the next measurement. */
    kill_tree_and_reap();
    if (lifeline_lost) return 70;

    dprintf(REPORT_FD,
            "done pid=%d status=%d utime_us=%lld stime_us=%lld maxrss_kb=%ld start_mono_ns=%lld start_real_ns=%lld end_mono_ns=%lld end_real_ns=%lld\n",
            (int)target, target_status,
            (long long)target_usage.ru_utime.tv_sec * 1000000LL + target_usage.ru_utime.tv_usec,
            (long long)target_usage.ru_stime.tv_sec * 1000000LL + target_usage.ru_stime.tv_usec,
            target_usage.ru_maxrss, ns(&start_mono), ns(&start_real), ns(&end_mono), ns(&end_real));
    return 0;
}

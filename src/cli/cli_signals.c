/* SIGINT, SIGTERM and SIGHUP, taken by a thread of their own: blocked in every thread
 * (threads started later inherit the mask) and waited for with sigwait, so that what
 * they do runs as ordinary code, not in a signal handler. */
#include "cli.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

static gint *stop_flag;   /* NULL: the first signal ends the run */

static void stop_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGHUP);
}

void cli_end_by_signal(int sig)
{
    /* no temporary file of the run is left: the README promises it */
    sb_discard_temporaries();
    sigset_t set;
    stop_signals(&set);
    signal(sig, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);   /* not reached: the default action of these signals ends the process */
}

static gpointer wait_for_signals(gpointer data)
{
    sigset_t *set = data;
    for (;;) {
        int sig = 0;
        if (sigwait(set, &sig) != 0)
            continue;
        if (stop_flag && g_atomic_int_compare_and_exchange(stop_flag, 0, sig))
            continue;   /* asked to stop: the run returns, then ends by cli_end_by_signal */
        cli_end_by_signal(sig);
    }
    return NULL;
}

void cli_catch_signals(gint *stop)
{
    static sigset_t set;
    stop_flag = stop;
    stop_signals(&set);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    g_thread_unref(g_thread_new("signals", wait_for_signals, &set));
}

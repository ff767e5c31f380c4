/* Timing helpers of the benchmark: child processes, medians, the zip level table. */
#ifndef SB_BENCH_PROC_H
#define SB_BENCH_PROC_H

#include <shenbao/shenbao.h>

typedef struct {
    double cpu_ms;    /* user + system of the child and its children */
    double wall_ms;
    long peak_kib;    /* peak resident memory */
} ProcTimes;

/* Runs argv (found on PATH) with its output discarded; FALSE unless it exits 0. */
gboolean proc_run(char **argv, ProcTimes *times);

/* Sorts v. */
double median(double *v, int n);

/* CPU milliseconds of the calling thread (the benchmarks run one render per thread). */
double thread_cpu_ms(void);

/* Removes dir and everything in it. */
void proc_remove_tree(const char *dir);

/* Prints, for the DOCX and ODT of the data, each deflate level's size and CPU time. */
void zip_levels(SbForm *form, SbData *data, const char *dir);

#endif

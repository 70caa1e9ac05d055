/*
 * Independent timing of LAPACK's Cholesky inverse (potrf + potri, upper
 * triangle, column-major, LAPACKE *_work calls as thor-tune's Inverter
 * makes them), to check the figures of `thor-tune profile`.
 *
 * Usage: potrf_potri <float32|float64> <threads> <min_time_s> <max_runs>
 *                    <warmup> <dim>...
 * Prints one line per dimension: dim median_us min_us runs.
 *
 * Per dimension: A = X^T X / n + I with X uniform in [-1, 1] (xorshift64),
 * `warmup` untimed inversions, then timed inversions (clock_gettime,
 * CLOCK_MONOTONIC) until min_time_s seconds have accumulated and at least
 * 5 runs are done, at most max_runs. The input is restored with memcpy
 * outside the timed region.
 */
#include <cblas.h>
#include <lapacke.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned long long rng_state = 88172645463325252ULL;

static double uniform(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double)(rng_state >> 11) * 0x1p-53 * 2.0 - 1.0;
}

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e6 + (double)t.tv_nsec * 1e-3;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Times one dimension; T is float or double, P the BLAS/LAPACK prefix. */
#define TIME_DIM(T, P)                                                       \
  do {                                                                       \
    T *x = malloc(sizeof(T) * n * n), *a = malloc(sizeof(T) * n * n);        \
    T *w = malloc(sizeof(T) * n * n);                                        \
    for (size_t k = 0; k < n * n; k++) x[k] = (T)uniform();                  \
    memset(a, 0, sizeof(T) * n * n);                                         \
    cblas_##P##syrk(CblasColMajor, CblasUpper, CblasTrans, n, n,             \
                    (T)1 / (T)n, x, n, (T)0, a, n);                          \
    for (size_t i = 0; i < n; i++) a[i * (n + 1)] += 1;                      \
    for (int k = 0; k < warmup + max_runs; k++) {                            \
      memcpy(w, a, sizeof(T) * n * n);                                       \
      double start = now_us();                                               \
      int info = LAPACKE_##P##potrf_work(LAPACK_COL_MAJOR, 'U', n, w, n);    \
      if (info == 0)                                                         \
        info = LAPACKE_##P##potri_work(LAPACK_COL_MAJOR, 'U', n, w, n);      \
      double elapsed = now_us() - start;                                     \
      if (info != 0) {                                                       \
        fprintf(stderr, "potrf/potri failed at n=%zu: info %d\n", n, info);  \
        return 1;                                                            \
      }                                                                      \
      if (k < warmup) continue;                                              \
      samples[runs++] = elapsed;                                             \
      total += elapsed;                                                      \
      if (runs >= 5 && total >= min_time_us) break;                          \
    }                                                                        \
    free(x);                                                                 \
    free(a);                                                                 \
    free(w);                                                                 \
  } while (0)

int main(int argc, char **argv) {
  if (argc < 7) {
    fprintf(stderr, "usage: %s <float32|float64> <threads> <min_time_s> "
                    "<max_runs> <warmup> <dim>...\n", argv[0]);
    return 64;
  }
  int single = strcmp(argv[1], "float32") == 0;
  openblas_set_num_threads(atoi(argv[2]));
  double min_time_us = atof(argv[3]) * 1e6;
  int max_runs = atoi(argv[4]), warmup = atoi(argv[5]);
  double *samples = malloc(sizeof(double) * max_runs);
  for (int d = 6; d < argc; d++) {
    size_t n = (size_t)atol(argv[d]);
    int runs = 0;
    double total = 0;
    if (single)
      TIME_DIM(float, s);
    else
      TIME_DIM(double, d);
    qsort(samples, runs, sizeof(double), compare);
    double median = runs % 2 ? samples[runs / 2]
                             : (samples[runs / 2 - 1] + samples[runs / 2]) / 2;
    printf("%zu %.3f %.3f %d\n", n, median, samples[0], runs);
    fflush(stdout);
  }
  free(samples);
  return 0;
}

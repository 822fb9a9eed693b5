/* perfdiff: test=20000 triggers= */
/* N-body simulation of five bodies (a sun and four planets) with a symplectic Euler step. */
#include "perfdiff.h"
#include <math.h>

#define NB 5
typedef struct { double x, y, z, vx, vy, vz, m; } Body;

static const double kPi = 3.141592653589793;
static const double kDaysPerYear = 365.24;

static void init(Body *b)
{
    const double solar = 4 * kPi * kPi;
    Body init[NB] = {
        {0, 0, 0, 0, 0, 0, solar},
        {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
         1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05, 9.54791938424326609e-04},
        {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
         -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05, 2.85885980666130812e-04},
        {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
         2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05, 4.36624404335156298e-05},
        {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
         2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05, 5.15138902046611451e-05},
    };
    for (int i = 1; i < NB; i++) {
        init[i].vx *= kDaysPerYear; init[i].vy *= kDaysPerYear; init[i].vz *= kDaysPerYear;
        init[i].m *= solar;
    }
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < NB; i++) { px += init[i].vx * init[i].m; py += init[i].vy * init[i].m; pz += init[i].vz * init[i].m; }
    init[0].vx = -px / solar; init[0].vy = -py / solar; init[0].vz = -pz / solar;
    memcpy(b, init, sizeof init);
}

static double energy(const Body *b)
{
    double e = 0;
    for (int i = 0; i < NB; i++) {
        e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < NB; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            e -= b[i].m * b[j].m / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(Body *b, double dt)
{
    for (int i = 0; i < NB; i++)
        for (int j = i + 1; j < NB; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * sqrt(d2));
            b[i].vx -= dx * b[j].m * mag; b[i].vy -= dy * b[j].m * mag; b[i].vz -= dz * b[j].m * mag;
            b[j].vx += dx * b[i].m * mag; b[j].vy += dy * b[i].m * mag; b[j].vz += dz * b[i].m * mag;
        }
    for (int i = 0; i < NB; i++) { b[i].x += dt * b[i].vx; b[i].y += dt * b[i].vy; b[i].z += dt * b[i].vz; }
}

int main(int argc, char **argv)
{
    long n = perfdiff_size(argc, argv, 1000000);
    Body b[NB];
    init(b);
    double e0 = energy(b);
    perfdiff_begin();
    for (long s = 0; s < n; s++)
        advance(b, 0.01);
    perfdiff_end();
    double e1 = energy(b);
    printf("%.9f\n%.9f\n", e0, e1);
    uint64_t h = 0;
    for (int i = 0; i < NB; i++) { h = perfdiff_mix_f64(h, b[i].x); h = perfdiff_mix_f64(h, b[i].vy); }
    perfdiff_print_checksum("nbody", h);
    return 0;
}

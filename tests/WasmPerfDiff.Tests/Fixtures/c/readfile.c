/* Copies the file named by argv[1] (a preopened directory) or, without an argument, stdin to stdout. */
#include <stdio.h>

int main(int argc, char **argv) {
    FILE *f = argc < 2 ? stdin : fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 3; }
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, n, stdout);
    if (f != stdin) fclose(f);
    return 0;
}

/* Smoke test of libcpts from C: the header compiles under -Wall -Wextra -Werror and the
 * version queries answer. abi.c and conformance.c are the full C tests. */
#include "cpts.h"

#include <stdio.h>
#include <string.h>

int main(void) {
    if (cpts_abi_version() != CPTS_ABI_VERSION) {
        fprintf(stderr, "ABI %u, header %u\n", cpts_abi_version(), CPTS_ABI_VERSION);
        return 1;
    }
    const char *version = cpts_library_version();
    if (version == NULL || strlen(version) == 0) {
        fprintf(stderr, "no library version\n");
        return 1;
    }
    printf("libcpts %s, ABI %u\n", version, cpts_abi_version());
    return 0;
}

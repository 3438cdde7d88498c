/* The conformance corpus from C: every conformance/cases/<name>.request.json, sent with
 * cpts_call_bytes, must give <name>.response.json byte for byte (the file holds the response
 * and one newline). The Rust test cpts-core/tests/conformance.rs checks the same files.
 * Usage: conformance <cases directory> [file ...]: each file is given to the engine first, a
 * parameter set (TOML or JSON) with cpts_engine_add_parameter_set (conformance/avenant-3: a
 * hypothetical avenant that adds a mission, loaded with no code change), or, written
 * --geometries=FILE, commune contours with cpts_engine_load_geometries (conformance/maps). */
#define _POSIX_C_SOURCE 200809L

#include "cpts.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file; returns NULL on failure. */
static unsigned char *read_file(const char *path, size_t *length) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        return NULL;
    }
    size_t capacity = 4096, used = 0;
    unsigned char *data = malloc(capacity);
    while (data != NULL) {
        size_t n = fread(data + used, 1, capacity - used, file);
        used += n;
        if (used < capacity) {
            break;
        }
        capacity *= 2;
        unsigned char *bigger = realloc(data, capacity);
        if (bigger == NULL) {
            free(data);
            data = NULL;
        }
        data = bigger;
    }
    fclose(file);
    *length = used;
    return data;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s <conformance/cases> [parameter set file ...]\n", argv[0]);
        return 2;
    }
    const char *dir = argv[1];
    DIR *listing = opendir(dir);
    if (listing == NULL) {
        perror(dir);
        return 2;
    }
    char *names[1024];
    size_t count = 0;
    const char *suffix = ".request.json";
    struct dirent *entry;
    while ((entry = readdir(listing)) != NULL && count < 1024) {
        size_t len = strlen(entry->d_name);
        if (len > strlen(suffix) && strcmp(entry->d_name + len - strlen(suffix), suffix) == 0) {
            names[count] = malloc(len - strlen(suffix) + 1);
            if (names[count] == NULL) {
                closedir(listing);
                return 2;
            }
            memcpy(names[count], entry->d_name, len - strlen(suffix));
            names[count][len - strlen(suffix)] = '\0';
            count++;
        }
    }
    closedir(listing);
    qsort(names, count, sizeof names[0], compare_names);

    cpts_engine *engine = NULL;
    if (cpts_engine_new(&engine, NULL) != CPTS_STATUS_OK) {
        fprintf(stderr, "no engine\n");
        return 2;
    }
    for (int a = 2; a < argc; a++) {
        const char *prefix = "--geometries=";
        int geometries = strncmp(argv[a], prefix, strlen(prefix)) == 0;
        const char *path = geometries ? argv[a] + strlen(prefix) : argv[a];
        size_t length = 0, units = 0;
        unsigned char *text = read_file(path, &length);
        cpts_error *error = NULL;
        cpts_status status = CPTS_STATUS_INTERNAL;
        if (text != NULL) {
            status = geometries
                         ? cpts_engine_load_geometries(engine, text, length, &units, &error)
                         : cpts_engine_add_parameter_set(engine, path, text, length, &error);
        }
        free(text);
        if (geometries && status == CPTS_STATUS_OK && units == 0) {
            status = CPTS_STATUS_INTERNAL;
        }
        if (status != CPTS_STATUS_OK) {
            fprintf(stderr, "%s: %s\n", argv[a],
                    error != NULL ? cpts_error_message(error) : "unreadable");
            cpts_error_free(error);
            cpts_engine_free(engine);
            return 2;
        }
    }
    int failed = 0;
    for (size_t i = 0; i < count; i++) {
        char path[4096];
        size_t request_length = 0, expected_length = 0;
        snprintf(path, sizeof path, "%s/%s.request.json", dir, names[i]);
        unsigned char *request = read_file(path, &request_length);
        snprintf(path, sizeof path, "%s/%s.response.json", dir, names[i]);
        unsigned char *expected = read_file(path, &expected_length);
        char *response = NULL;
        cpts_status status = CPTS_STATUS_INTERNAL;
        if (request != NULL) {
            status = cpts_call_bytes(engine, request, request_length, &response);
        }
        int same = request != NULL && expected != NULL && response != NULL &&
                   expected_length == strlen(response) + 1 &&
                   memcmp(expected, response, expected_length - 1) == 0 &&
                   expected[expected_length - 1] == '\n';
        /* The status is the response's error code (0 when ok). */
        char code[32];
        snprintf(code, sizeof code, "\"code\":%d,", (int)status);
        int status_matches = response != NULL &&
                             (status == CPTS_STATUS_OK
                                  ? strstr(response, "\"status\":\"ok\"") != NULL
                                  : strstr(response, code) != NULL);
        if (!same || !status_matches) {
            failed++;
            fprintf(stderr, "conformance case %s: %s\n", names[i],
                    !same ? "response differs" : "status differs from the response's code");
        }
        cpts_string_free(response);
        free(request);
        free(expected);
        free(names[i]);
    }
    cpts_engine_free(engine);
    printf("conformance: %zu cases, %d failed\n", count, failed);
    return failed == 0 && count > 0 ? 0 : 1;
}

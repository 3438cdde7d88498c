/* The C ABI from C: versions, the engine, cpts_call on good and bad requests, the typed fast
 * paths, error objects, NULL arguments, and calls from several threads on one engine.
 * Built with -Wall -Wextra -Werror -pedantic; run plain, under valgrind and under
 * AddressSanitizer + UBSan (scripts/test-c). Exit status 0 when every check passes. */
#include "cpts.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                            \
    do {                                                                       \
        checks++;                                                              \
        if (!(cond)) {                                                         \
            failures++;                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
        }                                                                      \
    } while (0)

static int contains(const char *haystack, const char *needle) {
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

/* Calls the engine and checks the status and that the response holds `expect`. */
static void expect_call(const cpts_engine *engine, const char *request,
                        cpts_status status, const char *expect) {
    char *response = NULL;
    cpts_status got = cpts_call(engine, request, &response);
    CHECK(got == status);
    CHECK(response != NULL);
    if (got != status || !contains(response, expect)) {
        fprintf(stderr, "  request:  %s\n  status:   %d (%s), expected %d\n  response: %s\n",
                request, (int)got, cpts_status_name((uint32_t)got), (int)status,
                response ? response : "(null)");
        if (got == status) {
            failures++;
        }
    }
    cpts_string_free(response);
}

static void test_versions(void) {
    CHECK(cpts_abi_version() == CPTS_ABI_VERSION);
    CHECK(cpts_api_version() == CPTS_API_VERSION);
    CHECK(strlen(cpts_library_version()) > 0);
    CHECK(strcmp(cpts_status_name(CPTS_STATUS_OK), "ok") == 0);
    CHECK(strcmp(cpts_status_name(CPTS_STATUS_INVALID_INPUT), "invalid_input") == 0);
    CHECK(strcmp(cpts_status_name(CPTS_STATUS_INTERNAL), "internal") == 0);
    CHECK(strcmp(cpts_status_name(12), "unknown") == 0);
}

static void test_bad_requests(const cpts_engine *engine) {
    /* A band: 95 000 inhabitants is taille 3 (80 001 to 175 000) under avenant 2. */
    expect_call(engine,
                "{\"api_version\":1,\"operation\":\"band\",\"input\":{\"population\":95000,\"on\":\"2026-01-01\"}}",
                CPTS_STATUS_OK, "\"taille\":3");
    /* Truncated JSON. */
    expect_call(engine, "{\"api_version\":1,\"operation\":\"band\",\"input\":{\"population\":95",
                CPTS_STATUS_INVALID_JSON, "\"code\":3");
    expect_call(engine, "", CPTS_STATUS_INVALID_JSON, "\"name\":\"invalid_json\"");
    /* Invalid UTF-8 (a lone continuation byte, then a truncated sequence). */
    expect_call(engine, "{\"api_version\":1,\"operation\":\"\x80\"}", CPTS_STATUS_INVALID_UTF8,
                "\"byte_offset\":30");
    expect_call(engine, "{\"api_version\":1,\"operation\":\"versions\"}\xc3",
                CPTS_STATUS_INVALID_UTF8, "\"code\":2");
    /* Huge numbers: beyond u64 (a float for serde), beyond f64 (not JSON for serde_json). */
    expect_call(engine,
                "{\"api_version\":1,\"operation\":\"band\",\"input\":{\"population\":184467440737095516160,\"on\":\"2026-01-01\"}}",
                CPTS_STATUS_INVALID_INPUT, "\"path\":\"input.population\"");
    expect_call(engine,
                "{\"api_version\":1,\"operation\":\"band\",\"input\":{\"population\":1e999,\"on\":\"2026-01-01\"}}",
                CPTS_STATUS_INVALID_JSON, "number out of range");
    expect_call(engine,
                "{\"api_version\":4294967296,\"operation\":\"versions\"}",
                CPTS_STATUS_INVALID_REQUEST, "\"path\":\"api_version\"");
    /* Unknown fields, in the envelope and in the input. */
    expect_call(engine, "{\"api_version\":1,\"operation\":\"versions\",\"verbose\":true}",
                CPTS_STATUS_INVALID_REQUEST, "le champ « verbose » n'existe pas");
    expect_call(engine,
                "{\"api_version\":1,\"operation\":\"band\",\"input\":{\"population\":1,\"on\":\"2026-01-01\",\"taille\":2}}",
                CPTS_STATUS_INVALID_INPUT, "\"path\":\"input.taille\"");
    /* Wrong schema versions. */
    expect_call(engine, "{\"api_version\":2,\"operation\":\"versions\"}",
                CPTS_STATUS_UNSUPPORTED_VERSION, "\"supported\":[1]");
    expect_call(engine, "{\"api_version\":0,\"operation\":\"versions\"}",
                CPTS_STATUS_UNSUPPORTED_VERSION, "\"given\":0");
    expect_call(engine, "{\"api_version\":1,\"operation\":\"evaluate\"}",
                CPTS_STATUS_UNKNOWN_OPERATION, "\"known\":[");
    /* A rule of the domain: no ACI before 25/08/2019. */
    expect_call(engine,
                "{\"api_version\":1,\"operation\":\"band\",\"input\":{\"population\":1,\"on\":\"2019-08-24\"}}",
                CPTS_STATUS_INVALID_INPUT, "\"error\":\"no_aci_on_date\"");
    expect_call(engine,
                "{\"api_version\":1,\"operation\":\"lookup_commune\",\"input\":{\"code\":\"78999\"}}",
                CPTS_STATUS_NOT_FOUND, "\"code\":\"78999\"");

    /* A request given by length, without NUL; the same bytes with a length cut short. */
    const char *versions = "{\"api_version\":1,\"operation\":\"versions\"}";
    char *response = NULL;
    CHECK(cpts_call_bytes(engine, (const uint8_t *)versions, strlen(versions), &response) ==
          CPTS_STATUS_OK);
    CHECK(contains(response, "\"aci_2019_avenant_2\""));
    cpts_string_free(response);
    response = NULL;
    CHECK(cpts_call_bytes(engine, (const uint8_t *)versions, 10, &response) ==
          CPTS_STATUS_INVALID_JSON);
    cpts_string_free(response);
}

static void test_null_arguments(const cpts_engine *engine) {
    char *response = NULL;
    CHECK(cpts_call(NULL, "{}", &response) == CPTS_STATUS_INVALID_ARGUMENT);
    CHECK(contains(response, "\"argument\":\"engine\""));
    cpts_string_free(response);
    response = NULL;
    CHECK(cpts_call(engine, NULL, &response) == CPTS_STATUS_INVALID_ARGUMENT);
    CHECK(contains(response, "\"argument\":\"request\""));
    cpts_string_free(response);
    CHECK(cpts_call(engine, "{}", NULL) == CPTS_STATUS_INVALID_ARGUMENT);
    response = NULL;
    CHECK(cpts_call_bytes(engine, NULL, 3, &response) == CPTS_STATUS_INVALID_ARGUMENT);
    cpts_string_free(response);
    CHECK(cpts_engine_new(NULL, NULL) == CPTS_STATUS_INVALID_ARGUMENT);

    char canonical[CPTS_CANONICAL_CAPACITY];
    cpts_error *error = NULL;
    CHECK(cpts_validate_rpps(NULL, canonical, sizeof canonical, &error) ==
          CPTS_STATUS_INVALID_ARGUMENT);
    CHECK(contains(cpts_error_details(error), "\"argument\":\"value\""));
    cpts_error_free(error);
    CHECK(cpts_validate_rpps("10000927870", NULL, 16, NULL) == CPTS_STATUS_INVALID_ARGUMENT);
    uint8_t taille = 0;
    cpts_date on = {2026, 1, 1};
    CHECK(cpts_band_of_population(NULL, 1, on, &taille, NULL) == CPTS_STATUS_INVALID_ARGUMENT);
    CHECK(cpts_band_of_population(engine, 1, on, NULL, NULL) == CPTS_STATUS_INVALID_ARGUMENT);

    /* Every free function and accessor accepts NULL. */
    cpts_string_free(NULL);
    cpts_error_free(NULL);
    cpts_engine_free(NULL);
    CHECK(cpts_error_status(NULL) == CPTS_STATUS_INTERNAL);
    CHECK(strcmp(cpts_error_message(NULL), "") == 0);
    CHECK(strcmp(cpts_error_message_en(NULL), "") == 0);
    CHECK(strcmp(cpts_error_details(NULL), "{}") == 0);
    CHECK(strcmp(cpts_error_name(NULL), "") == 0);
}

static void test_fast_paths(const cpts_engine *engine) {
    char canonical[CPTS_CANONICAL_CAPACITY];
    cpts_error *error = NULL;

    /* 10000927870: a real RPPS (ANS test resources); spaces are tolerated. */
    CHECK(cpts_validate_rpps("100 0092 7870", canonical, sizeof canonical, &error) ==
          CPTS_STATUS_OK);
    CHECK(error == NULL);
    CHECK(strcmp(canonical, "10000927870") == 0);

    /* The last digit changed: wrong Luhn key; the details give the right one (0). */
    CHECK(cpts_validate_rpps("10000927871", canonical, sizeof canonical, &error) ==
          CPTS_STATUS_INVALID_INPUT);
    CHECK(error != NULL);
    CHECK(cpts_error_status(error) == CPTS_STATUS_INVALID_INPUT);
    CHECK(strcmp(cpts_error_name(error), "invalid_input") == 0);
    CHECK(contains(cpts_error_details(error), "\"error\":\"invalid_check_key\""));
    CHECK(contains(cpts_error_details(error), "\"expected_key\":\"0\""));
    CHECK(contains(cpts_error_message(error), "10000927871"));
    CHECK(contains(cpts_error_message(error), "la clé de contrôle est fausse"));
    CHECK(contains(cpts_error_message_en(error), "wrong check key"));
    cpts_error_free(error);
    error = NULL;

    /* A Corsican FINESS: no known key rule, accepted. */
    CHECK(cpts_validate_finess("2A0000154", canonical, sizeof canonical, &error) ==
          CPTS_STATUS_OK);
    CHECK(strcmp(canonical, "2A0000154") == 0);
    /* The SIRET of La Poste's exception, in a buffer exactly large enough (14 + NUL). */
    char exact[15];
    CHECK(cpts_validate_identifier(CPTS_IDENTIFIER_KIND_SIRET, "356 000 000 00048", exact,
                                   sizeof exact, NULL) == CPTS_STATUS_OK);
    CHECK(strcmp(exact, "35600000000048") == 0);
    /* One byte short. */
    CHECK(cpts_validate_identifier(CPTS_IDENTIFIER_KIND_SIRET, "35600000000048", exact, 14,
                                   &error) == CPTS_STATUS_INVALID_ARGUMENT);
    CHECK(contains(cpts_error_details(error), "\"argument\":\"capacity\""));
    cpts_error_free(error);
    error = NULL;
    /* An unknown kind, and invalid UTF-8 in the value. */
    CHECK(cpts_validate_identifier(42, "x", canonical, sizeof canonical, NULL) ==
          CPTS_STATUS_INVALID_ARGUMENT);
    CHECK(cpts_validate_rpps("1000\xff", canonical, sizeof canonical, &error) ==
          CPTS_STATUS_INVALID_UTF8);
    CHECK(contains(cpts_error_details(error), "\"byte_offset\":4"));
    cpts_error_free(error);
    error = NULL;

    /* Bands under avenant 2 (in force on 2026-01-01): < 40 000 is 1, 40 000 to 80 000 is 2,
     * 80 001 to 175 000 is 3, above is 4. */
    const uint64_t populations[] = {0, 39999, 40000, 80000, 80001, 175000, 175001,
                                    UINT64_MAX};
    const uint8_t tailles[] = {1, 1, 2, 2, 3, 3, 4, 4};
    cpts_date on = {2026, 1, 1};
    for (size_t i = 0; i < sizeof populations / sizeof populations[0]; i++) {
        uint8_t taille = 0;
        CHECK(cpts_band_of_population(engine, populations[i], on, &taille, NULL) ==
              CPTS_STATUS_OK);
        CHECK(taille == tailles[i]);
    }
    uint8_t taille = 0;
    cpts_date impossible = {2026, 2, 30};
    CHECK(cpts_band_of_population(engine, 1000, impossible, &taille, &error) ==
          CPTS_STATUS_INVALID_ARGUMENT);
    CHECK(contains(cpts_error_message(error), "n'est pas une date du calendrier"));
    CHECK(contains(cpts_error_message_en(error), "not a calendar date"));
    cpts_error_free(error);
    error = NULL;
    cpts_date before = {2019, 8, 24};
    CHECK(cpts_band_of_population(engine, 1000, before, &taille, &error) ==
          CPTS_STATUS_INVALID_INPUT);
    CHECK(contains(cpts_error_details(error), "\"first_day\":\"2019-08-25\""));
    cpts_error_free(error);
}

#define THREADS 4
#define CALLS 50

static void *worker(void *arg) {
    const cpts_engine *engine = (const cpts_engine *)arg;
    long bad = 0;
    for (int i = 0; i < CALLS; i++) {
        char *response = NULL;
        cpts_status status = cpts_call(
            engine,
            "{\"api_version\":1,\"operation\":\"territory\",\"input\":{\"communes\":[\"78551\",\"78481\"],\"on\":\"2026-01-01\"}}",
            &response);
        /* Saint-Germain-en-Laye 45 931 + Le Pecq 16 059 = 61 990: taille 2. */
        if (status != CPTS_STATUS_OK || !contains(response, "\"population\":61990") ||
            !contains(response, "\"taille\":2")) {
            bad++;
        }
        cpts_string_free(response);
        char canonical[CPTS_CANONICAL_CAPACITY];
        if (cpts_validate_rpps("10000927870", canonical, sizeof canonical, NULL) !=
            CPTS_STATUS_OK) {
            bad++;
        }
    }
    return (void *)bad;
}

/* Parameter sets refused: the engine is unchanged (still two sets, the last open-ended). */
static void test_bad_parameter_sets(cpts_engine *engine) {
    cpts_error *error = NULL;
    const char *toml = "id = 3";
    CHECK(cpts_engine_add_parameter_set(NULL, "a.toml", (const uint8_t *)toml, strlen(toml),
                                        &error) == CPTS_STATUS_INVALID_ARGUMENT);
    CHECK(contains(cpts_error_details(error), "\"argument\":\"engine\""));
    cpts_error_free(error);
    error = NULL;
    CHECK(cpts_engine_add_parameter_set(engine, "a.toml", NULL, 3, &error) ==
          CPTS_STATUS_INVALID_ARGUMENT);
    cpts_error_free(error);
    error = NULL;
    /* A TOML file whose id is a number: the file named, in French. */
    CHECK(cpts_engine_add_parameter_set(engine, "a.toml", (const uint8_t *)toml, strlen(toml),
                                        &error) == CPTS_STATUS_INVALID_INPUT);
    CHECK(contains(cpts_error_message(error), "a.toml"));
    CHECK(contains(cpts_error_details(error), "\"error\":\"syntax\""));
    cpts_error_free(error);
    error = NULL;
    /* Not UTF-8 (a Latin-1 é): where it stops. */
    const char latin1[] = "title = \"\xe9\"";
    CHECK(cpts_engine_add_parameter_set(engine, NULL, (const uint8_t *)latin1,
                                        strlen(latin1), &error) == CPTS_STATUS_INVALID_UTF8);
    CHECK(contains(cpts_error_details(error), "\"byte_offset\":9"));
    cpts_error_free(error);
    /* The out-parameter may be NULL. */
    CHECK(cpts_engine_add_parameter_set(engine, NULL, (const uint8_t *)toml, strlen(toml),
                                        NULL) == CPTS_STATUS_INVALID_INPUT);
    expect_call(engine, "{\"api_version\":1,\"operation\":\"versions\"}", CPTS_STATUS_OK,
                "\"parameter_sets\":[{\"id\":\"aci_2019\"");
    expect_call(engine,
                "{\"api_version\":1,\"operation\":\"band\",\"input\":{\"population\":95000,\"on\":\"2030-01-01\"}}",
                CPTS_STATUS_OK, "\"parameter_set\":\"aci_2019_avenant_2\"");
}

/* Commune contours: refused ones leave the engine without them; the map then says so. */
static void test_geometries(cpts_engine *engine) {
    cpts_error *error = NULL;
    size_t units = 99;
    const char *bad = "#cpts-geometries=1\nG|78551|d|0,0,1\n";
    CHECK(cpts_engine_load_geometries(NULL, (const uint8_t *)bad, strlen(bad), &units, &error) ==
          CPTS_STATUS_INVALID_ARGUMENT);
    CHECK(contains(cpts_error_details(error), "\"argument\":\"engine\""));
    cpts_error_free(error);
    error = NULL;
    CHECK(cpts_engine_load_geometries(engine, NULL, 3, &units, &error) ==
          CPTS_STATUS_INVALID_ARGUMENT);
    cpts_error_free(error);
    error = NULL;
    /* A ring of one point and a half, on line 2: said in French, the count untouched. */
    CHECK(cpts_engine_load_geometries(engine, (const uint8_t *)bad, strlen(bad), &units, &error) ==
          CPTS_STATUS_INVALID_INPUT);
    CHECK(contains(cpts_error_message(error), "contours, ligne 2 : "));
    CHECK(units == 99);
    cpts_error_free(error);
    error = NULL;
    const char latin1[] = "#cpts-geometries=1\n#source=\xe9\n";
    CHECK(cpts_engine_load_geometries(engine, (const uint8_t *)latin1, strlen(latin1), NULL,
                                      NULL) == CPTS_STATUS_INVALID_UTF8);
    const char *map = "{\"api_version\":1,\"operation\":\"territory_map\",\"input\":{"
                      "\"name\":\"CPTS\",\"territory\":{\"communes\":[\"78551\"]},"
                      "\"options\":{\"date\":\"2026-12-01\"}}}";
    expect_call(engine, map, CPTS_STATUS_DATA_UNAVAILABLE, "\"data\":\"geometries\"");
    const char *square = "#cpts-geometries=1\nG|78551|d|20000,489000,100,0,0,100\n";
    CHECK(cpts_engine_load_geometries(engine, (const uint8_t *)square, strlen(square), &units,
                                      NULL) == CPTS_STATUS_OK);
    CHECK(units == 1);
    expect_call(engine, map, CPTS_STATUS_OK, "\"units\":1,");
}

static void test_threads(const cpts_engine *engine) {
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_create(&threads[i], NULL, worker, (void *)engine) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        void *bad = NULL;
        CHECK(pthread_join(threads[i], &bad) == 0);
        CHECK(bad == NULL);
    }
}

int main(void) {
    test_versions();
    cpts_engine *engine = NULL;
    cpts_error *error = NULL;
    if (cpts_engine_new(&engine, &error) != CPTS_STATUS_OK) {
        fprintf(stderr, "engine: %s\n", cpts_error_message(error));
        cpts_error_free(error);
        return 1;
    }
    test_bad_requests(engine);
    test_null_arguments(engine);
    test_fast_paths(engine);
    test_bad_parameter_sets(engine);
    test_geometries(engine);
    test_threads(engine);
    cpts_engine_free(engine);
    printf("abi: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}

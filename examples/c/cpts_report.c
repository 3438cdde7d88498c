/* What an ARS developer writes against libcpts: read a CSV of members and validate their
 * identifiers, then print the CPTS's population, band and five-year payment schedule, and,
 * given a directory, the members' directory as a logged-in member sees it.
 *
 *   cpts_report members.csv territory.txt contract.json [YYYY-MM-DD [annuaire.json]]
 *
 * Build (after the install step of the README):
 *   cc cpts_report.c $(pkg-config --cflags --libs cpts jansson) -o cpts_report
 *
 * The identifiers go through the typed fast path (cpts_validate_identifier); the territory
 * and the schedule through the JSON operation API (cpts_call), read with jansson. What it
 * prints is for a person: French messages (cpts_error_message), the French label of each
 * mission and payment kind (one call of the operation `labels`), dates as 17/01/2022. */
#include <cpts.h>
#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits one CSV line (commas, double quotes around a field that holds commas) into at most
 * `max` fields, in place. Returns the number of fields. */
static size_t split_csv(char *line, char **fields, size_t max) {
    size_t n = 0;
    char *p = line;
    while (n < max) {
        char *out = p;
        fields[n++] = p;
        int quoted = *p == '"';
        if (quoted) {
            p++;
        }
        for (;; p++) {
            if (*p == '\0' || *p == '\n' || *p == '\r') {
                *out = '\0';
                return n;
            }
            if (quoted && *p == '"' && p[1] == '"') {
                *out++ = '"';
                p++;
            } else if (quoted && *p == '"') {
                quoted = 0;
            } else if (!quoted && *p == ',') {
                *out = '\0';
                p++;
                break;
            } else {
                *out++ = *p;
            }
        }
    }
    return n;
}

static int kind_of(const char *scheme, uint32_t *kind) {
    static const struct {
        const char *scheme;
        cpts_identifier_kind kind;
    } kinds[] = {
        {"rpps", CPTS_IDENTIFIER_KIND_RPPS},   {"adeli", CPTS_IDENTIFIER_KIND_ADELI},
        {"finess", CPTS_IDENTIFIER_KIND_FINESS}, {"siren", CPTS_IDENTIFIER_KIND_SIREN},
        {"siret", CPTS_IDENTIFIER_KIND_SIRET}, {"rna", CPTS_IDENTIFIER_KIND_RNA},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(scheme, kinds[i].scheme) == 0) {
            *kind = (uint32_t)kinds[i].kind;
            return 1;
        }
    }
    return 0;
}

/* 1. Members: every identifier checked; returns the number of invalid rows, -1 on I/O error. */
static int check_members(const char *path) {
    FILE *csv = fopen(path, "r");
    if (csv == NULL) {
        perror(path);
        return -1;
    }
    char line[1024];
    int row = 0, invalid = 0;
    printf("Membres (%s)\n", path);
    while (fgets(line, sizeof line, csv) != NULL) {
        if (row++ == 0) {
            continue; /* header */
        }
        char *f[4];
        if (split_csv(line, f, 4) != 4) {
            printf("  ligne %d : 4 colonnes attendues\n", row);
            invalid++;
            continue;
        }
        uint32_t kind;
        if (!kind_of(f[2], &kind)) {
            printf("  ligne %d : identifiant « %s » inconnu\n", row, f[2]);
            invalid++;
            continue;
        }
        char canonical[CPTS_CANONICAL_CAPACITY];
        cpts_error *error = NULL;
        if (cpts_validate_identifier(kind, f[3], canonical, sizeof canonical, &error) ==
            CPTS_STATUS_OK) {
            printf("  ok      %-6s %-14s %s\n", f[2], canonical, f[0]);
        } else {
            /* The message names the value and the rule; the JSON details carry them too. */
            printf("  INVALIDE %s : %s\n", f[0], cpts_error_message(error));
            invalid++;
        }
        cpts_error_free(error);
    }
    fclose(csv);
    printf("  %d ligne(s), %d invalide(s)\n\n", row - 1, invalid);
    return invalid;
}

/* Sends a request built with jansson; returns the result object (to json_decref), or NULL
 * after printing the error. */
static json_t *call(const cpts_engine *engine, json_t *request) {
    char *text = json_dumps(request, JSON_COMPACT);
    json_decref(request);
    if (text == NULL) {
        return NULL;
    }
    char *response = NULL;
    cpts_status status = cpts_call(engine, text, &response);
    free(text);
    json_error_t parse_error;
    json_t *parsed = json_loads(response, 0, &parse_error);
    cpts_string_free(response);
    if (parsed == NULL) {
        return NULL;
    }
    if (status != CPTS_STATUS_OK) {
        json_t *error = json_object_get(parsed, "error");
        fprintf(stderr, "cpts: %s (%s)\n", json_string_value(json_object_get(error, "message")),
                cpts_status_name((uint32_t)status));
        json_decref(parsed);
        return NULL;
    }
    json_t *result = json_incref(json_object_get(parsed, "result"));
    json_decref(parsed);
    return result;
}

/* "2022-01-17" → "17/01/2022" in `out` (11 bytes); anything else is copied as it is. */
static const char *date_fr(const char *iso, char out[11]) {
    if (iso == NULL || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-') {
        return iso ? iso : "";
    }
    snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    return out;
}

/* The French label of `id` in the list `list` of the `labels` result ({"id", "label"}
 * objects), or `id` itself. */
static const char *label_of(const json_t *labels, const char *list, const char *id) {
    size_t i;
    json_t *entry;
    if (id == NULL) {
        return "";
    }
    json_array_foreach(json_object_get(labels, list), i, entry) {
        if (strcmp(json_string_value(json_object_get(entry, "id")), id) == 0) {
            return json_string_value(json_object_get(entry, "label"));
        }
    }
    return id;
}

/* "12345.6" → "12 345,60 €" (amounts are decimal strings, never floats). */
static void print_euros(const char *amount) {
    const char *dot = strchr(amount, '.');
    size_t units = dot ? (size_t)(dot - amount) : strlen(amount);
    for (size_t i = 0; i < units; i++) {
        if (i > 0 && (units - i) % 3 == 0) {
            putchar(' ');
        }
        putchar(amount[i]);
    }
    printf(",%c%c €", dot && dot[1] ? dot[1] : '0', dot && dot[1] && dot[2] ? dot[2] : '0');
}

/* 2. Territory: population and band on `date`. Returns 0 on success. */
static int print_territory(const cpts_engine *engine, const char *path, const char *date) {
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        perror(path);
        return 1;
    }
    json_t *communes = json_array();
    char line[256];
    while (fgets(line, sizeof line, file) != NULL) {
        char code[6];
        if (line[0] != '#' && sscanf(line, "%5s", code) == 1) {
            json_array_append_new(communes, json_string(code));
        }
    }
    fclose(file);
    json_t *report = call(engine, json_pack("{s:i, s:s, s:{s:o, s:s}}", "api_version",
                                            CPTS_API_VERSION, "operation", "territory", "input",
                                            "communes", communes, "on", date));
    if (report == NULL) {
        return 1;
    }
    printf("Territoire : %zu communes, population municipale %lld (%s)\n",
           json_array_size(json_object_get(report, "communes")),
           (long long)json_integer_value(json_object_get(report, "population")),
           json_string_value(json_object_get(report, "population_series")));
    char day[11];
    printf("Taille ACI au %s : %lld (jeu de paramètres %s)\n\n", date_fr(date, day),
           (long long)json_integer_value(json_object_get(report, "taille")),
           json_string_value(json_object_get(report, "parameter_set")));
    json_decref(report);
    return 0;
}

/* 3. The contract's payment schedule (results not yet measured stay pending). */
static int print_schedule(const cpts_engine *engine, const char *path) {
    json_error_t error;
    json_t *contract = json_load_file(path, 0, &error);
    if (contract == NULL) {
        fprintf(stderr, "%s:%d: %s\n", path, error.line, error.text);
        return 1;
    }
    json_t *schedule = call(engine, json_pack("{s:i, s:s, s:{s:o}}", "api_version",
                                              CPTS_API_VERSION, "operation", "payment_schedule",
                                              "input", "contract", contract));
    if (schedule == NULL) {
        return 1;
    }
    json_t *labels = call(engine, json_pack("{s:i, s:s}", "api_version", CPTS_API_VERSION,
                                            "operation", "labels"));
    if (labels == NULL) {
        json_decref(schedule);
        return 1;
    }
    char day[11];
    printf("Échéancier du contrat signé le %s (jeu de paramètres %s)\n",
           date_fr(json_string_value(json_object_get(schedule, "signed_on")), day),
           json_string_value(json_object_get(schedule, "parameter_set")));
    size_t i;
    json_t *payment;
    json_array_foreach(json_object_get(schedule, "payments"), i, payment) {
        const char *mission = json_string_value(json_object_get(payment, "mission"));
        printf("  %s  année %lld  %s%s%s : ",
               date_fr(json_string_value(json_object_get(payment, "date")), day),
               (long long)json_integer_value(json_object_get(payment, "contract_year")),
               label_of(labels, "payment_kinds", json_string_value(json_object_get(payment, "kind"))),
               mission ? ", " : "", label_of(labels, "missions", mission));
        print_euros(json_string_value(json_object_get(payment, "amount")));
        putchar('\n');
    }
    printf("  Total versé ou dû : ");
    print_euros(json_string_value(json_object_get(schedule, "total")));
    printf("\n  Parts variables en attente de résultats : %zu\n",
           json_array_size(json_object_get(schedule, "pending")));
    json_decref(labels);
    json_decref(schedule);
    return 0;
}

/* 4. The directory reserved to members (the espace réservé): `path` holds the CPTS, their
 * directories and the viewer (a member logged in); the library decides what they see on
 * `date`. Returns 0 on success. */
static int print_directory(const cpts_engine *engine, const char *path, const char *date) {
    json_error_t error;
    json_t *input = json_load_file(path, 0, &error);
    if (input == NULL) {
        fprintf(stderr, "%s:%d: %s\n", path, error.line, error.text);
        return 1;
    }
    json_object_set_new(input, "on", json_string(date));
    json_t *answer = call(engine, json_pack("{s:i, s:s, s:o}", "api_version", CPTS_API_VERSION,
                                            "operation", "directory_query", "input", input));
    if (answer == NULL) {
        return 1;
    }
    char day[11];
    json_t *entries = json_object_get(answer, "entries");
    printf("\nAnnuaire des adhérents au %s (%zu fiches visibles)\n", date_fr(date, day),
           json_array_size(entries));
    size_t i;
    json_t *entry;
    json_array_foreach(entries, i, entry) {
        json_t *activity = json_object_get(entry, "activity");
        json_t *practice = json_object_get(entry, "practice");
        json_t *contacts = json_object_get(entry, "professional_contacts");
        const char *phone = json_string_value(json_object_get(contacts, "phone"));
        const char *email = json_string_value(json_object_get(contacts, "email"));
        printf("  %s", json_string_value(json_object_get(entry, "name")));
        if (activity != NULL) {
            printf(" — %s", json_string_value(json_object_get(activity, "label")));
        }
        if (practice != NULL) {
            printf(", commune %s", json_string_value(json_object_get(practice, "commune")));
        }
        if (phone != NULL) {
            printf(", tél. %s", phone);
        }
        if (email != NULL) {
            printf(", %s", email);
        }
        putchar('\n');
    }
    json_decref(answer);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr,
                "usage: %s members.csv territory.txt contract.json [YYYY-MM-DD [annuaire.json]]\n",
                argv[0]);
        return 2;
    }
    const char *date = argc > 4 ? argv[4] : "2026-01-01";
    printf("libcpts %s (ABI %u)\n\n", cpts_library_version(), cpts_abi_version());
    cpts_engine *engine = NULL;
    cpts_error *error = NULL;
    if (cpts_engine_new(&engine, &error) != CPTS_STATUS_OK) {
        fprintf(stderr, "cpts: %s\n", cpts_error_message(error));
        cpts_error_free(error);
        return 1;
    }
    int invalid = check_members(argv[1]);
    int failed = invalid < 0 || print_territory(engine, argv[2], date) != 0 ||
                 print_schedule(engine, argv[3]) != 0 ||
                 (argc > 5 && print_directory(engine, argv[5], date) != 0);
    cpts_engine_free(engine);
    return failed ? 1 : 0;
}

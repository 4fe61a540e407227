/* The preset lists of data/ (registry mirrors, docker-ce repository mirrors, DNS servers), loaded and translated. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The lists, by name: data/<name>.json. */
#define MATOU_PRESETS_REGISTRY_MIRRORS  "registry-mirrors"
#define MATOU_PRESETS_DOCKER_CE_MIRRORS "docker-ce-mirrors"
#define MATOU_PRESETS_DNS_SERVERS       "dns-servers"
/* Where the GUI's resources hold them. */
#define MATOU_PRESETS_RESOURCE_PREFIX   "/io/github/matou/Matou/data/"

typedef enum {
  MATOU_PRESET_REGISTRY_MIRROR,
  MATOU_PRESET_DOCKER_CE_MIRROR,
  MATOU_PRESET_DNS_SERVER,
} MatouPresetKind;

/* Who runs it. Everything but OFFICIAL is a service that may stop working,
 * and the interface says so. */
typedef enum {
  MATOU_PRESET_PROVIDER_COMMUNITY,
  MATOU_PRESET_PROVIDER_VENDOR,
  MATOU_PRESET_PROVIDER_UNIVERSITY,
  MATOU_PRESET_PROVIDER_OFFICIAL,
} MatouPresetProvider;

typedef struct {
  MatouPresetKind     kind;
  char               *id;          /* stable identifier, e.g. "tuna"; what the GUI sends to the helper */
  char               *url;         /* mirrors: the base URL (a pattern when is_template); NULL for DNS servers */
  char               *address;     /* DNS servers: the IP address; NULL for mirrors */
  char               *name;        /* translated */
  char               *note;        /* translated */
  MatouPresetProvider provider;
  gboolean            is_template; /* url is a pattern the user completes, such as Alibaba Cloud's per-account accelerator */
  char               *match;       /* templates: a glob (g_pattern_match_simple) that the user's completed URLs match */
  char               *test_url;    /* docker-ce mirrors: a small file to time, for Ubuntu; see matou_preset_docker_ce_test_url () */
} MatouPreset;

void         matou_preset_free             (MatouPreset *preset);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouPreset, matou_preset_free)

/*
 * Loads a list and returns a GPtrArray of MatouPreset (free func set), in
 * the file's order, names and notes translated. @name_or_path is one of:
 *  - a list name (MATOU_PRESETS_REGISTRY_MIRRORS, …): the GUI's resource
 *    MATOU_PRESETS_RESOURCE_PREFIX<name>.json when registered, else
 *    PKGDATADIR/<name>.json (what the root helper reads);
 *  - "resource:///…": that resource;
 *  - anything with a '/': a file.
 * Fails with MATOU_ERROR_IO when it cannot be read and MATOU_ERROR_PARSE
 * when it is not a valid list (every entry needs every field). The lists
 * are small local files or resources: read synchronously.
 */
GPtrArray         *matou_presets_load            (const char   *name_or_path,
                                                  GError      **error);
GPtrArray         *matou_presets_load_from_data  (const char   *data,
                                                  gssize        length,
                                                  GError      **error);

const MatouPreset *matou_presets_find            (GPtrArray    *presets,
                                                  const char   *id);
/* The preset a mirror address is, or matches (templates), or NULL. */
const MatouPreset *matou_presets_match_url       (GPtrArray    *presets,
                                                  const char   *url);
/* The small file to time on a docker-ce mirror for @distro ("ubuntu",
 * "debian", "fedora", "centos", "rhel"; NULL: "ubuntu"): <url>/linux/<distro>/gpg. */
char              *matou_preset_docker_ce_test_url (const MatouPreset *preset,
                                                    const char        *distro);

/* Whether @text is listed for translation (for the tests: every name and
 * note of the data files must be). */
gboolean           matou_presets_string_is_listed (const char  *text);

G_END_DECLS

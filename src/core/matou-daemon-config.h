/* The daemon's configuration file (daemon.json): Matou's keys read and written, every other key carried through. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * What survives a load and a write, with json-glib 1.6:
 *
 * - Every key Matou does not manage keeps its value and its place; keys
 *   Matou adds go at the end. Updating a managed key keeps its place.
 * - Text keeps its characters: non-ASCII is written as UTF-8, and "\u00e9"
 *   in the file comes back as "é" (the same string to any JSON reader).
 * - Integers keep their exact value up to the 64-bit range, so 2^53 + 1
 *   survives. json-glib silently wraps larger integers (and cuts a string
 *   at "\u0000"); a file holding such a value still loads, but
 *   matou_daemon_config_to_data() refuses to write it
 *   (MATOU_ERROR_CANNOT_PRESERVE) rather than change it.
 * - Floating-point numbers keep their exact value but not their spelling:
 *   0.1 is written 0.10000000000000001 and 1e3 is written 1000.0.
 * - The layout does not survive: the file is rewritten with 2-space
 *   indentation and json-glib's `"key" : value` spacing.
 * - A key given twice keeps the last value, at the first one's place,
 *   which is also the value the daemon (Go's encoding/json) uses.
 * - json-glib reads some text the daemon refuses (single-quoted strings,
 *   "01", ".5", "1.", "\x"); Matou writes such values back as valid JSON.
 *   It refuses one thing the daemon reads: a lone surrogate ("\ud800")
 *   is a parse error here.
 *
 * Every write is also read back and compared with what was meant to be
 * written; a difference is refused (MATOU_ERROR_CANNOT_PRESERVE).
 */

#define MATOU_KEY_REGISTRY_MIRRORS    "registry-mirrors"
#define MATOU_KEY_INSECURE_REGISTRIES "insecure-registries"
#define MATOU_KEY_DNS                 "dns"
#define MATOU_KEY_PROXIES             "proxies"

typedef enum {
  MATOU_CONFIG_KEY_NONE                = 0,
  MATOU_CONFIG_KEY_REGISTRY_MIRRORS    = 1 << 0,
  MATOU_CONFIG_KEY_INSECURE_REGISTRIES = 1 << 1,
  MATOU_CONFIG_KEY_DNS                 = 1 << 2,
  MATOU_CONFIG_KEY_PROXIES             = 1 << 3,
} MatouConfigKeys;

typedef struct {
  MatouConfigKeys changed;         /* managed keys whose value differs */
  MatouConfigKeys removed;         /* managed keys present before and gone now */
  gboolean        others_changed;  /* any key Matou does not manage differs */
} MatouConfigDiff;

#define MATOU_TYPE_DAEMON_CONFIG (matou_daemon_config_get_type ())

G_DECLARE_FINAL_TYPE (MatouDaemonConfig, matou_daemon_config, MATOU, DAEMON_CONFIG, GObject)

MatouDaemonConfig *matou_daemon_config_new                 (void);
MatouDaemonConfig *matou_daemon_config_new_from_data       (const char         *data,
                                                            gssize              len,
                                                            GError            **error);
MatouDaemonConfig *matou_daemon_config_new_from_named_data (const char       *data,
                                                            gssize              len,
                                                            const char         *name,
                                                            GError            **error);
MatouDaemonConfig *matou_daemon_config_new_from_file       (const char         *path,
                                                            GError            **error);
MatouDaemonConfig *matou_daemon_config_copy                (MatouDaemonConfig  *self);

const char        *matou_daemon_config_get_raw_text        (MatouDaemonConfig  *self);
gboolean           matou_daemon_config_has_key             (MatouDaemonConfig  *self,
                                                            const char         *key);

char             **matou_daemon_config_get_mirrors         (MatouDaemonConfig  *self);
char             **matou_daemon_config_get_dns             (MatouDaemonConfig  *self);
gboolean           matou_daemon_config_get_proxies         (MatouDaemonConfig  *self,
                                                            char              **http,
                                                            char              **https,
                                                            char              **no);

void               matou_daemon_config_set_mirrors         (MatouDaemonConfig  *self,
                                                            const char * const *mirrors);
void               matou_daemon_config_set_dns             (MatouDaemonConfig  *self,
                                                            const char * const *dns);
void               matou_daemon_config_set_proxies         (MatouDaemonConfig  *self,
                                                            const char         *http,
                                                            const char         *https,
                                                            const char         *no);
void               matou_daemon_config_clear_proxies       (MatouDaemonConfig  *self);

char              *matou_daemon_config_to_data             (MatouDaemonConfig  *self,
                                                            gsize              *len,
                                                            GError            **error);

MatouConfigDiff    matou_daemon_config_diff_managed        (MatouDaemonConfig  *old_config,
                                                            MatouDaemonConfig  *new_config);
gboolean           matou_daemon_config_change_needs_restart (const MatouConfigDiff *diff);
char             **matou_config_keys_to_strv               (MatouConfigKeys     keys);

G_END_DECLS

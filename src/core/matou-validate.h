/* Validation rules for the daemon settings, shared by the GUI (as the user types) and the root helper (before it writes). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Every function here fails with MATOU_ERROR_INVALID_VALUE and a message for
 * the user that says what is wrong and what to do. Messages never repeat a
 * password: proxy addresses are shown with their password replaced.
 *
 * Values are checked as given: callers that want to forgive stray spaces
 * strip them first.
 */

gboolean matou_value_is_unit_safe     (const char          *value);
gboolean matou_validate_unit_safe     (const char          *value,
                                       GError             **error);

gboolean matou_validate_mirror        (const char          *url,
                                       gboolean             allow_path,
                                       GError             **error);
gboolean matou_validate_mirror_list   (const char * const  *urls,
                                       gboolean             allow_path,
                                       GError             **error);
char    *matou_mirror_normalise       (const char          *url);

gboolean matou_validate_dns           (const char          *address,
                                       GError             **error);
gboolean matou_validate_dns_list      (const char * const  *addresses,
                                       GError             **error);

gboolean matou_validate_proxy_url     (const char          *url,
                                       GError             **error);
gboolean matou_validate_no_proxy      (const char          *list,
                                       GError             **error);
gboolean matou_validate_proxy_fields  (const char          *http,
                                       const char          *https,
                                       const char          *no,
                                       GError             **error);

G_END_DECLS

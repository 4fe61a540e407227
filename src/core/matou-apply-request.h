/* What the GUI asks the helper to apply: the request's JSON form and its rules. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest request the helper reads; a bigger one is refused whole. */
#define MATOU_APPLY_REQUEST_MAX_SIZE (64 * 1024)

typedef struct {
  gboolean   has_mirrors;   /* a member left out means unchanged */
  char     **mirrors;
  gboolean   has_dns;
  char     **dns;
  gboolean   has_proxy;
  gboolean   clear_proxy;   /* "proxy": null */
  char      *http_proxy;    /* NULL or "" when unset */
  char      *https_proxy;
  char      *no_proxy;
} MatouApplyRequest;

MatouApplyRequest *matou_apply_request_new       (void);
MatouApplyRequest *matou_apply_request_parse     (const char               *data,
                                                  gssize                    length,
                                                  GError                  **error);
gboolean           matou_apply_request_validate  (const MatouApplyRequest  *request,
                                                  const char               *engine_version,
                                                  GError                  **error);
char              *matou_apply_request_to_json   (const MatouApplyRequest  *request);
void               matou_apply_request_free      (MatouApplyRequest        *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouApplyRequest, matou_apply_request_free)

G_END_DECLS

/* "Does this proxy get me to Docker Hub?": one request through a given proxy, timed and explained. */
#pragma once

#include "matou-probe.h"

G_BEGIN_DECLS

#define MATOU_PROBE_DOCKER_HUB_URL "https://registry-1.docker.io/v2/"

/*
 * Fetches @target_url (NULL: MATOU_PROBE_DOCKER_HUB_URL) through @proxy_url
 * (http://, https://, socks4://, socks4a:// or socks5://, with optional
 * user:password@) and finishes with one MatouProbeResult: status and time.
 * The target counts as reached when it answers 2xx, or 401 with
 * WWW-Authenticate (what a registry says to an anonymous client). The detail
 * tells a failure of the proxy (refused, asks for a password, cannot reach the
 * target) from a failure of the target. Passwords never appear in the detail.
 *
 * Fails only with G_IO_ERROR_CANCELLED.
 */
void              matou_probe_through_proxy_async  (const char          *proxy_url,
                                                    const char          *target_url,
                                                    guint                timeout_seconds,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
MatouProbeResult *matou_probe_through_proxy_finish (GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS

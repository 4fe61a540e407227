/* What an apply request changes, decided once for the Settings page, its preview and matou-helper apply. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "matou-apply-plan.h"
#include "matou-dockerd-process.h"
#include "matou-error.h"

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

/**
 * matou_daemon_proxy_read:
 * @target: where this Engine reads its proxy
 * @config: (nullable): daemon.json, parsed
 * @dropin: (nullable): the drop-in's text
 * @dropin_env: (nullable): Matou's environment file beside it, for root
 *
 * The daemon proxy configured where the Engine reads it (daemon.json on
 * 23.0+, the systemd drop-in below). Each out value is "" when unset.
 * Returns whether a proxy is on: an HTTP or HTTPS address is set.
 */
gboolean
matou_daemon_proxy_read (MatouProxyTarget    target,
                         MatouDaemonConfig  *config,
                         const char         *dropin,
                         const char         *dropin_env,
                         char              **http,
                         char              **https,
                         char              **no)
{
  g_autofree char *h = NULL;
  g_autofree char *hs = NULL;
  g_autofree char *n = NULL;

  if (target == MATOU_PROXY_TARGET_DAEMON_JSON)
    {
      if (config != NULL)
        matou_daemon_config_get_proxies (config, &h, &hs, &n);
    }
  else if (dropin != NULL)
    {
      matou_proxy_dropin_read_with_env (dropin, dropin_env, &h, &hs, &n);
    }

  if (http != NULL)
    *http = g_strdup (h != NULL ? h : "");
  if (https != NULL)
    *https = g_strdup (hs != NULL ? hs : "");
  if (no != NULL)
    *no = g_strdup (n != NULL ? n : "");

  return is_set (h) || is_set (hs);
}

static gboolean
plan_dropin (MatouApplyPlan          *plan,
             const MatouApplyRequest *request,
             const MatouApplyContext *context,
             GError                 **error)
{
  g_autofree char *rendered = NULL;
  g_autofree char *env_text = NULL;
  gboolean only_section_left = FALSE;

  if (context->service == MATOU_APPLY_SERVICE_SYSV)
    {
      /* An unknown version is treated as older than 23.0, as matou_proxy_target_for_engine does. */
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   _("Docker Engine %s takes its proxy from systemd, but this system does not run Docker through systemd. Upgrade to Docker Engine 23.0 or newer, where the proxy goes into daemon.json."),
                   context->engine_version != NULL ? context->engine_version : _("of an unknown version"));
      return FALSE;
    }

  rendered = matou_proxy_dropin_render_with_env (context->dropin != NULL ? context->dropin : "",
                                                 request->clear_proxy ? NULL : request->http_proxy,
                                                 request->clear_proxy ? NULL : request->https_proxy,
                                                 request->clear_proxy ? NULL : request->no_proxy,
                                                 context->dropin_env_path, &env_text,
                                                 &only_section_left, error);
  if (rendered == NULL)
    return FALSE;

  /* The secrets, when there are any, go to a file only root reads. */
  if (env_text != NULL && g_strcmp0 (env_text, context->dropin_env) != 0)
    plan->env_text = g_steal_pointer (&env_text);
  else if (env_text == NULL && context->dropin_env != NULL)
    {
      plan->env_remove = TRUE;
      plan->env_text = g_strdup ("");
    }

  if (only_section_left)
    {
      /* Nothing of the user's is left in it: remove the file rather than leave an empty unit. */
      if (context->dropin != NULL)
        {
          plan->dropin_remove = TRUE;
          plan->dropin_text = g_strdup ("");
        }
    }
  else if (g_strcmp0 (rendered, context->dropin) != 0)
    {
      plan->dropin_text = g_steal_pointer (&rendered);
    }

  return TRUE;
}

/* dockerd refuses to start when a key is both a flag on its command line and
 * in daemon.json: a change that would put one there is refused before
 * anything is written, not rolled back after a failed restart. */
static gboolean
check_flag_conflicts (const MatouApplyRequest *request,
                      const MatouApplyContext *context,
                      MatouDaemonConfig       *new_config,
                      GError                 **error)
{
  const char *keys[] = { request->has_mirrors ? "registry-mirrors" : NULL, request->has_dns ? "dns" : NULL };

  if (context->dockerd_argv == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *flag = keys[i] != NULL ? matou_dockerd_flag_for_key (context->dockerd_argv, keys[i]) : NULL;

      if (flag != NULL && matou_daemon_config_has_key (new_config, keys[i]))
        {
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                       _("The Docker daemon is started with %s, and dockerd refuses to start when “%s” is also in %s. "
                         "Nothing was changed. Take the flag out of the service’s command line (systemctl edit docker), "
                         "or leave this setting to it."),
                       flag, keys[i], context->daemon_json_path != NULL ? context->daemon_json_path : "daemon.json");
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * matou_apply_plan_new:
 * @request: what the user asks for
 * @context: what is there now
 *
 * Decides everything about a change before anything changes: whether the
 * request is allowed for this Engine, the new texts of daemon.json and the
 * drop-in, and whether the daemon reloads or restarts. The Settings page
 * and the helper both call this; neither decides these things itself.
 *
 * Returns: the plan (whose action is NONE when nothing would change), or
 *   %NULL with @error saying why the request is refused.
 */
MatouApplyPlan *
matou_apply_plan_new (const MatouApplyRequest *request,
                      const MatouApplyContext *context,
                      GError                 **error)
{
  g_autoptr(MatouApplyPlan) plan = g_new0 (MatouApplyPlan, 1);
  g_autoptr(MatouDaemonConfig) old_config = NULL;
  g_autoptr(MatouDaemonConfig) new_config = NULL;
  MatouConfigDiff diff;

  g_return_val_if_fail (request != NULL && context != NULL, NULL);

  if (!matou_apply_request_validate (request, context->engine_version, error))
    return NULL;

  /* A file that does not parse is never overwritten: the error says where it is broken. */
  old_config = matou_daemon_config_new_from_named_data (context->daemon_json != NULL ? context->daemon_json : "", -1,
                                                        context->daemon_json_path != NULL ? context->daemon_json_path : "daemon.json",
                                                        error);
  if (old_config == NULL)
    return NULL;

  plan->proxy_target = matou_proxy_target_for_engine (context->engine_version);
  plan->old_mirrors = matou_daemon_config_get_mirrors (old_config);
  plan->old_dns = matou_daemon_config_get_dns (old_config);
  matou_daemon_proxy_read (plan->proxy_target, old_config, context->dropin, context->dropin_env,
                           &plan->old_http_proxy, &plan->old_https_proxy, &plan->old_no_proxy);

  new_config = matou_daemon_config_copy (old_config);
  if (request->has_mirrors)
    matou_daemon_config_set_mirrors (new_config, (const char * const *) request->mirrors);
  if (request->has_dns)
    matou_daemon_config_set_dns (new_config, (const char * const *) request->dns);
  if (request->has_proxy && plan->proxy_target == MATOU_PROXY_TARGET_DAEMON_JSON)
    {
      if (request->clear_proxy)
        matou_daemon_config_clear_proxies (new_config);
      else
        matou_daemon_config_set_proxies (new_config, request->http_proxy, request->https_proxy, request->no_proxy);
    }

  {
    g_autofree char *http = NULL;
    g_autofree char *https = NULL;
    g_autofree char *no = NULL;

    /* daemon.json is readable by everyone unless it holds a secret. */
    matou_daemon_config_get_proxies (new_config, &http, &https, &no);
    plan->json_private = matou_proxy_dropin_needs_env_file (http, https);
  }

  if (!check_flag_conflicts (request, context, new_config, error))
    return NULL;

  diff = matou_daemon_config_diff_managed (old_config, new_config);
  plan->changed_keys = diff.changed | diff.removed;
  if (plan->changed_keys != MATOU_CONFIG_KEY_NONE)
    {
      plan->json_text = matou_daemon_config_to_data (new_config, NULL, error);
      if (plan->json_text == NULL)
        return NULL;
      plan->action = matou_daemon_config_change_needs_restart (&diff) ?
                     MATOU_APPLY_ACTION_RESTART : MATOU_APPLY_ACTION_RELOAD;
    }
  plan->proxy_changes = (plan->changed_keys & MATOU_CONFIG_KEY_PROXIES) != 0;

  if (request->has_proxy && plan->proxy_target == MATOU_PROXY_TARGET_DROPIN)
    {
      if (!plan_dropin (plan, request, context, error))
        return NULL;
      if (plan->dropin_text != NULL || plan->env_text != NULL)
        {
          /* The environment is read at start only. */
          plan->proxy_changes = TRUE;
          plan->action = MATOU_APPLY_ACTION_RESTART;
        }
    }

  return g_steal_pointer (&plan);
}

/**
 * matou_apply_plan_containers_stopping:
 * @running: how many containers run now
 * @live_restore: whether the daemon keeps them running across a restart
 *
 * Returns: how many running containers the plan stops.
 */
guint
matou_apply_plan_containers_stopping (const MatouApplyPlan *plan,
                                      gint64                running,
                                      gboolean              live_restore)
{
  if (plan->action != MATOU_APPLY_ACTION_RESTART || live_restore || running <= 0)
    return 0;

  return (guint) MIN (running, G_MAXUINT);
}

/* The word the helper's result line uses. */
const char *
matou_apply_action_to_string (MatouApplyAction action)
{
  switch (action)
    {
    case MATOU_APPLY_ACTION_RELOAD:
      return "reload";
    case MATOU_APPLY_ACTION_RESTART:
      return "restart";
    case MATOU_APPLY_ACTION_NONE:
    default:
      return "none";
    }
}

void
matou_apply_plan_free (MatouApplyPlan *plan)
{
  if (plan == NULL)
    return;

  g_free (plan->json_text);
  g_free (plan->dropin_text);
  g_free (plan->env_text);
  g_strfreev (plan->old_mirrors);
  g_strfreev (plan->old_dns);
  g_free (plan->old_http_proxy);
  g_free (plan->old_https_proxy);
  g_free (plan->old_no_proxy);
  g_free (plan);
}

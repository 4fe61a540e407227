/* Before an install runs: the user who joins the group, the mirror, and the plan built here checked against the one the user saw. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "matou-docker-detect.h"
#include "matou-error.h"
#include "matou-events.h"
#include "matou-install-private.h"
#include "matou-install-system.h"

/* Who joins the docker group: the user pkexec names, never the request. */
static gboolean
find_user (Install     *t,
           const char  *pkexec_uid,
           GError     **error)
{
  guint64 uid;
  g_autofree char *name = NULL;

  if (pkexec_uid == NULL)
    {
      t->user = g_strdup (t->config->install_user);
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (pkexec_uid, 10, 0, G_MAXUINT32, &uid, NULL) ||
      !matou_lookup_user (NULL, (uid_t) uid, NULL, &name))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   _("pkexec names a user (%s) that does not exist."), pkexec_uid);
      return FALSE;
    }
  /* Root needs no group to reach the socket. */
  t->user = uid == 0 ? NULL : g_steal_pointer (&name);

  return TRUE;
}

static gboolean
find_mirror (Install     *t,
             const char  *id,
             const char **url,
             GError     **error)
{
  const MatouPreset *preset = matou_presets_find (t->mirrors, id);

  if (preset == NULL || preset->is_template || preset->url == NULL)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   _("The request names an unknown mirror “%s”. Nothing was changed."), id);
      return FALSE;
    }

  if (!matou_install_mirror_url_is_secure (preset->url))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   _("The mirror “%s” is listed with the address %s, which is not HTTPS. Matou uses mirrors over HTTPS only, so nothing was changed: correct the mirror list."),
                   id, preset->url);
      return FALSE;
    }

  *url = preset->url;
  return TRUE;
}

static gboolean
check_steps (Install  *t,
             GError  **error)
{
  char **asked = t->request->steps;
  g_auto(GStrv) ids = NULL;

  if (asked == NULL)
    return TRUE;

  for (guint i = 0; asked[i] != NULL; i++)
    if (matou_install_plan_find_step (t->plan, asked[i]) == NULL)
      {
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                     _("The request names a step “%s” that this plan does not have. Nothing was changed."),
                     asked[i]);
        return FALSE;
      }

  /* The user saw a plan; run that one or none. */
  ids = matou_install_plan_dup_step_ids (t->plan);
  if (!g_strv_equal ((const char * const *) ids, (const char * const *) asked))
    {
      g_autofree char *now = g_strjoinv (", ", ids);

      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   _("This system changed since the plan was shown: the steps are now %s. Nothing was changed; look at the plan again."),
                   now);
      return FALSE;
    }

  return TRUE;
}

MatouHelperExit
_matou_install_prepare (Install     *t,
                        const char  *pkexec_uid,
                        GError     **error)
{
  const MatouHelperConfig *config = t->config;
  g_autoptr(MatouInstallSystem) system = NULL;
  g_auto(GStrv) packages = NULL;
  const char *mirror_id = NULL;
  const char *mirror_url = NULL;
  MatouInstallPaths paths = {
    .keyrings_dir = config->apt_keyrings_dir,
    .sources_dir = config->apt_sources_dir,
    .repos_dir = config->dnf_repos_dir,
    .rpm_keys_dir = config->dnf_keys_dir,
  };

  t->plans = matou_install_plans_load (config->install_plans != NULL ? config->install_plans : MATOU_INSTALL_PLANS_NAME,
                                       error);
  if (t->plans == NULL)
    return MATOU_HELPER_EXIT_ENVIRONMENT;
  t->mirrors = matou_presets_load (config->docker_ce_mirrors != NULL ? config->docker_ce_mirrors :
                                   MATOU_PRESETS_DOCKER_CE_MIRRORS, error);
  if (t->mirrors == NULL)
    return MATOU_HELPER_EXIT_ENVIRONMENT;
  if (!find_user (t, pkexec_uid, error))
    return MATOU_HELPER_EXIT_REFUSED;

  if (t->request->method == MATOU_INSTALL_METHOD_MIRROR)
    mirror_id = t->request->mirror;
  else if (t->request->method == MATOU_INSTALL_METHOD_DOCKER)
    mirror_id = matou_install_plans_get_official_mirror (t->plans);
  if (mirror_id != NULL && !find_mirror (t, mirror_id, &mirror_url, error))
    return MATOU_HELPER_EXIT_REFUSED;

  matou_events_step (_("Looking at this system"));
  packages = matou_install_plans_dup_package_names (t->plans);
  system = matou_install_system_detect (&paths, (const char * const *) packages, t->user, NULL);
  system->systemd = config->backend == MATOU_BACKEND_SYSTEMD;

  t->plan = matou_install_plan_build (t->plans, system, t->request->method, mirror_id, mirror_url,
                                      &t->request->options, &paths, config->backup_dir, error);
  if (t->plan == NULL)
    return MATOU_HELPER_EXIT_REFUSED;
  t->states = g_new0 (StepState, t->plan->steps->len);
  if (!check_steps (t, error))
    return MATOU_HELPER_EXIT_REFUSED;

  return MATOU_HELPER_EXIT_OK;
}

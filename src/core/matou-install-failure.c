/* Install plans: apt and dnf output sorted into failures, and each failure explained in words. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "matou-error.h"
#include "matou-install-plan.h"
#include "matou-install-plan-private.h"

/* --- failures ---------------------------------------------------------------------- */

const char *
matou_install_failure_to_string (MatouInstallFailure failure)
{
  switch (failure)
    {
    case MATOU_INSTALL_FAILURE_NETWORK:
      return "network";
    case MATOU_INSTALL_FAILURE_REPOSITORY:
      return "repository";
    case MATOU_INSTALL_FAILURE_LOCK:
      return "lock";
    case MATOU_INSTALL_FAILURE_CONFLICT:
      return "conflict";
    case MATOU_INSTALL_FAILURE_MISSING:
      return "missing-package";
    case MATOU_INSTALL_FAILURE_KEY:
      return "key";
    case MATOU_INSTALL_FAILURE_OTHER:
    default:
      return "other";
    }
}

static gboolean
line_has_any (const char         *line,
              const char * const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (line, needles[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* apt-get update says "Err:", "W: Failed to fetch" or "E: The repository … does not
 * have a Release file" about a source it could not read, and may still exit 0. */
gboolean
matou_install_output_names_failed_repository (const char * const *lines,
                                              const char         *repository)
{
  if (repository == NULL)
    return FALSE;

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (strstr (line, repository) == NULL)
        continue;
      if (g_str_has_prefix (line, "Err:") || g_str_has_prefix (line, "E:") ||
          g_str_has_prefix (line, "W: Failed to fetch") || g_str_has_prefix (line, "W: GPG error") ||
          strstr (line, "NO_PUBKEY") != NULL)
        return TRUE;
    }

  return FALSE;
}

MatouInstallFailure
matou_install_classify_output (const char * const *lines,
                               const char         *repository)
{
  static const char * const lock[] = {
    "Could not get lock", "Unable to acquire the dpkg frontend lock", "Unable to lock the administration directory",
    "Waiting for process with pid", NULL
  };
  static const char * const key[] = {
    "NO_PUBKEY", "GPG error", "is not signed", "not a signing key", "BADSIG", "EXPKEYSIG", NULL
  };
  static const char * const repo[] = {
    "does not have a Release file", "404  Not Found", "404 Not Found", "returned error: 404",
    "File not found", "Status code: 404", "is no longer signed", NULL
  };
  static const char * const network[] = {
    "Could not resolve", "Temporary failure resolving", "Failed to fetch", "Connection timed out",
    "Connection refused", "Could not connect", "Network is unreachable", "No route to host",
    "curl: (6)", "curl: (7)", "curl: (28)", "curl: (35)", "Curl error", "Cannot download repomd.xml",
    "Failed to download metadata", "Operation timed out", "Unable to connect", "Could not connect to", NULL
  };
  static const char * const conflict[] = {
    "Packages need to be removed but remove is disabled", "Unmet dependencies", "held broken packages",
    "trying to overwrite", "conflicts with", "Conflicts:", "Problem: ", "conflicting requests", NULL
  };
  static const char * const missing[] = {
    "Unable to locate package", "has no installation candidate", "No match for argument",
    "No package ", NULL
  };
  gboolean found[7] = { FALSE };

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      found[MATOU_INSTALL_FAILURE_LOCK] |= line_has_any (line, lock) &&
                                           !g_str_has_prefix (line, "Waiting for cache lock");
      found[MATOU_INSTALL_FAILURE_KEY] |= line_has_any (line, key);
      found[MATOU_INSTALL_FAILURE_REPOSITORY] |= line_has_any (line, repo);
      found[MATOU_INSTALL_FAILURE_NETWORK] |= line_has_any (line, network);
      found[MATOU_INSTALL_FAILURE_CONFLICT] |= line_has_any (line, conflict);
      found[MATOU_INSTALL_FAILURE_MISSING] |= line_has_any (line, missing);
    }

  /* The most specific first: a 404 is also "Failed to fetch". */
  if (found[MATOU_INSTALL_FAILURE_LOCK])
    return MATOU_INSTALL_FAILURE_LOCK;
  if (found[MATOU_INSTALL_FAILURE_REPOSITORY])
    return MATOU_INSTALL_FAILURE_REPOSITORY;
  if (found[MATOU_INSTALL_FAILURE_KEY])
    return MATOU_INSTALL_FAILURE_KEY;
  if (found[MATOU_INSTALL_FAILURE_NETWORK])
    return MATOU_INSTALL_FAILURE_NETWORK;
  if (found[MATOU_INSTALL_FAILURE_CONFLICT])
    return MATOU_INSTALL_FAILURE_CONFLICT;
  if (found[MATOU_INSTALL_FAILURE_MISSING])
    return MATOU_INSTALL_FAILURE_MISSING;

  return MATOU_INSTALL_FAILURE_OTHER;
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : url);
}

/**
 * matou_install_explain_failure:
 * @last_line: (nullable): the last line the command printed, or the error
 *
 * What went wrong in words, and what to do next.
 */
char *
matou_install_explain_failure (const MatouInstallPlan *plan,
                               const MatouInstallStep *step,
                               MatouInstallFailure     failure,
                               const char             *last_line)
{
  g_autofree char *host = host_of (plan->repository);
  const char *said = last_line != NULL && *last_line != '\0' ? last_line : _("no message");
  gboolean about_repository = step->kind == MATOU_INSTALL_STEP_DOWNLOAD || step->verifies != NULL;

  switch (failure)
    {
    case MATOU_INSTALL_FAILURE_NETWORK:
      if (about_repository && plan->method == MATOU_INSTALL_METHOD_MIRROR)
        return g_strdup_printf (_("Matou could not reach the mirror %s (%s). There may be no network connection, or the mirror is down or blocked from here. Nothing of it was left behind: choose another mirror (“Test speed” shows which ones answer) and run again."),
                                host, said);
      if (about_repository)
        return g_strdup_printf (_("Matou could not reach %s (%s). There may be no network connection, or the server is blocked or too slow from here, as it often is in mainland China. Nothing of it was left behind: choose “A mirror of Docker’s repository” and run again."),
                                host, said);
      return g_strdup_printf (_("The package servers could not be reached (%s). Check the network connection, or the proxy, then run again."),
                              said);

    case MATOU_INSTALL_FAILURE_REPOSITORY:
      return g_strdup_printf (_("%s answered, but has no Docker packages for %s “%s” (%s). The key and the repository file were removed again, so apt keeps working. Choose another mirror, or the distribution packages."),
                              host, plan->distro_name, plan->codename != NULL ? plan->codename : "?", said);

    case MATOU_INSTALL_FAILURE_LOCK:
      return g_strdup_printf (_("Another program is using the package system (often the automatic updates or a software centre): %s. Matou waited %d seconds for it, then gave up; this step changed nothing. Wait until it has finished, then run again: the steps already done are skipped."),
                              said, MATOU_INSTALL_LOCK_TIMEOUT_SECONDS);

    case MATOU_INSTALL_FAILURE_CONFLICT:
      return g_strdup_printf (_("The packages conflict with packages already installed (%s). Nothing was removed. Remove the conflicting packages yourself, or choose another method."),
                              said);

    case MATOU_INSTALL_FAILURE_MISSING:
      return g_strdup_printf (_("A package is not in your package lists (%s). On Ubuntu, docker.io and Compose come from the “universe” component: enable it in Software & Updates, then run again."),
                              said);

    case MATOU_INSTALL_FAILURE_KEY:
      return g_strdup_printf (_("The signing key from %s is missing, wrong or not a key (%s). Nothing of it was left behind. The mirror may be broken: choose another one."),
                              host, said);

    case MATOU_INSTALL_FAILURE_OTHER:
    default:
      return g_strdup_printf (_("“%s” failed: %s"), step->title, said);
    }
}

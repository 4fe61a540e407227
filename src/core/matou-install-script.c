/* Install plans as a shell script: the same steps, each command quoted for sh. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "matou-error.h"
#include "matou-install-plan.h"
#include "matou-install-plan-private.h"

/* --- as a shell script ------------------------------------------------------------ */

static char *
quote_arg (const char *arg)
{
  if (*arg != '\0' && g_regex_match_simple ("^[A-Za-z0-9_./:=+,@%-]+$", arg, G_REGEX_DOLLAR_ENDONLY, 0))
    return g_strdup (arg);

  return g_shell_quote (arg);
}

static char *
quote_argv (char **argv)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; argv != NULL && argv[i] != NULL; i++)
    {
      g_autofree char *quoted = quote_arg (argv[i]);

      if (i > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, quoted);
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

char *
matou_install_step_to_shell (const MatouInstallStep *step)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *dir = step->path != NULL ? g_path_get_dirname (step->path) : NULL;
  g_autofree char *path = step->path != NULL ? quote_arg (step->path) : NULL;

  switch (step->kind)
    {
    case MATOU_INSTALL_STEP_RUN:
    case MATOU_INSTALL_STEP_SERVICE:
    case MATOU_INSTALL_STEP_GROUP:
      {
        g_autofree char *line = quote_argv (step->argv);

        g_string_append (text, line);
      }
      break;

    case MATOU_INSTALL_STEP_DOWNLOAD:
      {
        g_autofree char *url = quote_arg (step->url);

        g_string_append_printf (text, "install -m 0755 -d %s\n", dir);
        g_string_append_printf (text, "curl -fsSL %s -o %s\n", url, path);
        g_string_append_printf (text, "chmod a+r %s", path);
      }
      break;

    case MATOU_INSTALL_STEP_WRITE:
      if (step->replaces != NULL)
        {
          g_autofree char *backup_dir = g_path_get_dirname (step->replaces_backup);

          g_string_append_printf (text, "mkdir -p %s\n", backup_dir);
          g_string_append_printf (text, "mv %s %s\n", step->replaces, step->replaces_backup);
        }
      g_string_append_printf (text, "tee %s > /dev/null <<'EOF'\n%sEOF", path, step->content);
      break;

    default:
      g_assert_not_reached ();
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
matou_install_plan_to_script (const MatouInstallPlan *plan,
                              const char             *description)
{
  g_autoptr(GString) script = g_string_new ("#!/bin/sh\n");

  if (description != NULL)
    g_string_append_printf (script, "# %s\n", description);
  /* TRANSLATORS: a comment at the top of the copied shell script */
  g_string_append_printf (script, "# %s\n", _("Run it as root (for example with sudo sh). Matou runs the same steps, and skips the ones already done."));
  g_string_append (script, "set -e\n");
  if (plan->family == MATOU_PACKAGE_FAMILY_APT)
    g_string_append (script, "export LC_ALL=C DEBIAN_FRONTEND=noninteractive\n");
  else
    g_string_append (script, "export LC_ALL=C\n");

  for (guint i = 0; i < plan->steps->len; i++)
    {
      const MatouInstallStep *step = g_ptr_array_index (plan->steps, i);
      g_autofree char *shell = matou_install_step_to_shell (step);

      g_string_append_printf (script, "\n# %u. %s\n%s\n", i + 1, step->title, shell);
    }

  return g_string_free (g_steal_pointer (&script), FALSE);
}

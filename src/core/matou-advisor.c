/* The decision guide: its questions, and the one table of rules that ranks the ways to ship a Python app. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "matou-advisor.h"

/* Tie-break order: the four options people usually name come first. The ids
 * are those of data/compare/compare.xml; a unit test keeps the two in step. */
static const char * const options[] = {
  "venv", "vm", "pyinstaller", "docker",
  "conda", "nuitka", "appimage", "flatpak", "briefcase", "nix", "wsl",
  NULL
};

static const MatouAdvisorAnswer audience_answers[] = {
  { "end-users", N_("End users") },
  { "developers", N_("Developers") },
  { "server", N_("Servers") },
  { NULL }
};

static const MatouAdvisorAnswer platforms_answers[] = {
  { "linux", N_("Linux only") },
  { "cross", N_("Windows or macOS too") },
  { NULL }
};

static const MatouAdvisorAnswer gui_answers[] = {
  { "gui", N_("A GUI app") },
  { "no-gui", N_("No GUI") },
  { NULL }
};

static const MatouAdvisorAnswer gpu_answers[] = {
  { "gpu", N_("Needs a GPU") },
  { "cpu", N_("CPU only") },
  { NULL }
};

static const MatouAdvisorAnswer similar_answers[] = {
  { "alike", N_("Alike") },
  { "differ", N_("They differ") },
  { NULL }
};

static const MatouAdvisorAnswer docker_answers[] = {
  { "knows", N_("Knows Docker") },
  { "new", N_("New to Docker") },
  { NULL }
};

static const MatouAdvisorAnswer source_answers[] = {
  { "hidden", N_("Must stay hidden") },
  { "open", N_("Can be seen") },
  { NULL }
};

static const MatouAdvisorAnswer resources_answers[] = {
  { "tight", N_("Tight") },
  { "plenty", N_("Plenty") },
  { NULL }
};

static const MatouAdvisorQuestion questions[] = {
  { "audience", N_("Who will run it?"),
    N_("The people who start the program on the other machines."), audience_answers },
  { "platforms", N_("Which systems must it run on?"), NULL, platforms_answers },
  { "gui", N_("Does it have a graphical interface?"),
    N_("A window of its own, for example with PySide6 or Tkinter."), gui_answers },
  { "gpu", N_("Does it need a GPU?"),
    N_("CUDA and cuDNN, for example to train with PyTorch."), gpu_answers },
  { "similar", N_("Do the target machines resemble yours?"),
    N_("The same OS release, drivers and system libraries."), similar_answers },
  { "docker", N_("Does the team know Docker?"), NULL, docker_answers },
  { "source", N_("Must the source code stay hidden?"), NULL, source_answers },
  { "resources", N_("Are disk space and memory tight?"), NULL, resources_answers },
};

/*
 * The rules, all of them. An answer that is not here moves nothing. Weights
 * run from -3 (speaks hard against the option) to +4 (what the option is
 * made for); an answer that rules an option out is listed in exclusions[];
 * the reason is what the user reads, so it says why in their terms.
 */
static const MatouAdvisorRule rules[] = {
  /* Who will run it? */
  { "audience", "end-users", "pyinstaller", +3, "end-users", N_("End users get one program to start, with no Python to install.") },
  { "audience", "end-users", "briefcase", +3, "end-users", N_("End users get a real installer for their system: MSI on Windows, DMG on macOS.") },
  { "audience", "end-users", "nuitka", +2, "end-users", N_("End users get a compiled program, with no Python to install.") },
  { "audience", "end-users", "appimage", +2, "end-users", N_("Linux users download one file, make it executable and run it.") },
  { "audience", "end-users", "flatpak", +2, "end-users", N_("Linux users install it from Flathub or a bundle, with updates and a menu entry.") },
  { "audience", "end-users", "docker", -3, "end-users", N_("End users would have to install Docker and learn to run containers first.") },
  { "audience", "end-users", "vm", -3, "end-users", N_("End users would have to install virtualisation software and start a whole system.") },
  { "audience", "end-users", "venv", -3, "python-needed", N_("End users would need Python, a terminal and pip to set it up.") },
  { "audience", "end-users", "conda", -2, "python-needed", N_("End users would need conda and a terminal, or an unpacked conda-pack archive.") },
  { "audience", "end-users", "nix", -3, "learning", N_("End users rarely have Nix, and it is hard to learn.") },
  { "audience", "end-users", "wsl", -2, "use", N_("WSL is a way to run Linux tools on Windows, not a way to hand out an app.") },
  { "audience", "developers", "venv", +3, "learning", N_("Developers already know pip and virtual environments: it is the lightest way to share a project.") },
  { "audience", "developers", "conda", +2, "use", N_("Developers get Python and binary packages (CUDA, MKL) from one environment file.") },
  { "audience", "developers", "docker", +2, "isolation", N_("Developers get the same environment from one Dockerfile.") },
  { "audience", "developers", "nix", +1, "isolation", N_("Developers get exactly the same environment, if they learn Nix.") },
  { "audience", "developers", "wsl", +1, "cross-os", N_("Developers on Windows get a real Linux to run the same tools and Docker.") },
  { "audience", "developers", "pyinstaller", -1, "startup", N_("Developers can run the source; building an executable after each change only slows them down.") },
  { "audience", "developers", "nuitka", -1, "startup", N_("Developers can run the source; compiling after each change takes minutes.") },
  { "audience", "server", "docker", +4, "use", N_("Services are what Docker is made for: one image, started, restarted and updated the same way on every server.") },
  { "audience", "server", "vm", +1, "isolation", N_("A VM isolates a service completely, at the cost of a whole system to maintain.") },
  { "audience", "server", "nix", +1, "isolation", N_("Nix deploys services reproducibly, best on NixOS.") },
  { "audience", "server", "pyinstaller", -2, "use", N_("A frozen executable gives a service nothing extra: no restart policy, no logs, no updates.") },
  { "audience", "server", "nuitka", -1, "use", N_("A compiled executable gives a service little beyond a faster start.") },
  { "audience", "server", "appimage", -3, "use", N_("AppImages are made for desktop apps, not for services.") },
  { "audience", "server", "flatpak", -3, "use", N_("Flatpak is made for desktop apps, not for services.") },
  { "audience", "server", "briefcase", -3, "use", N_("Briefcase is made for desktop and mobile apps, not for services.") },
  { "audience", "server", "wsl", -2, "use", N_("WSL runs on Windows desktops, not on servers.") },

  /* Which systems must it run on? */
  { "platforms", "linux", "appimage", +1, "cross-os", N_("Linux only: one AppImage runs on most distributions.") },
  { "platforms", "linux", "flatpak", +1, "cross-os", N_("Linux only: a Flatpak runs the same on every distribution.") },
  { "platforms", "linux", "docker", +1, "resources", N_("On Linux, containers run directly on the kernel, with no VM in between.") },
  { "platforms", "linux", "wsl", -3, "cross-os", N_("WSL exists only on Windows.") },
  { "platforms", "cross", "pyinstaller", +2, "cross-os", N_("PyInstaller builds for Windows, macOS and Linux, once on each system.") },
  { "platforms", "cross", "briefcase", +2, "cross-os", N_("Briefcase builds native installers for Windows, macOS and Linux.") },
  { "platforms", "cross", "nuitka", +1, "cross-os", N_("Nuitka compiles for Windows, macOS and Linux, once on each system.") },
  { "platforms", "cross", "conda", +1, "cross-os", N_("conda has the same packages for Windows, macOS and Linux.") },
  { "platforms", "cross", "vm", +1, "cross-os", N_("A VM runs the same guest system on Windows, macOS and Linux hosts.") },
  { "platforms", "cross", "wsl", +1, "cross-os", N_("On Windows, WSL 2 runs a real Linux, and Docker Engine in it.") },
  { "platforms", "cross", "docker", -1, "cross-os", N_("On Windows and macOS, Linux containers run inside a VM (Docker Desktop or WSL 2).") },
  { "platforms", "cross", "nix", -1, "cross-os", N_("Nix runs on Linux and macOS, but not directly on Windows.") },
  { "platforms", "cross", "appimage", -3, "cross-os", N_("An AppImage runs only on Linux.") },
  { "platforms", "cross", "flatpak", -3, "cross-os", N_("Flatpak runs only on Linux.") },

  /* Does it have a graphical interface? */
  { "gui", "gui", "flatpak", +2, "gui", N_("Flatpak is made for desktop apps: menu entries, portals, and the KDE runtime carries Qt.") },
  { "gui", "gui", "pyinstaller", +1, "gui", N_("PyInstaller has hooks for PySide6 and bundles Qt with its plugins.") },
  { "gui", "gui", "nuitka", +1, "gui", N_("Nuitka’s PySide6 plugin bundles Qt with its plugins.") },
  { "gui", "gui", "briefcase", +1, "gui", N_("Briefcase makes a desktop app with an icon and a menu entry.") },
  { "gui", "gui", "appimage", +1, "gui", N_("An AppImage is a desktop app in one file.") },
  { "gui", "gui", "vm", -1, "gui", N_("A GUI in a VM works, but slower, and in a window of its own.") },
  { "gui", "gui", "docker", -2, "gui", N_("A GUI in a container needs X11 or Wayland forwarding and Qt’s system libraries, set up by hand.") },
  { "gui", "no-gui", "docker", +1, "gui", N_("Without a window, a container has nothing to forward to the desktop.") },
  { "gui", "no-gui", "briefcase", -1, "use", N_("Briefcase is made for apps with a graphical interface.") },
  { "gui", "no-gui", "appimage", -2, "use", N_("AppImages are made for desktop apps: a program without a window, such as a training job, gains nothing from one.") },
  { "gui", "no-gui", "flatpak", -2, "use", N_("Flatpak is made for desktop apps; a command-line tool gains little from it.") },

  /* Does it need a GPU? */
  { "gpu", "gpu", "docker", +2, "gpu", N_("The PyTorch images carry CUDA and cuDNN; each host needs only the NVIDIA driver and the NVIDIA Container Toolkit.") },
  { "gpu", "gpu", "conda", +1, "gpu", N_("conda installs the CUDA runtime and cuDNN as packages, next to PyTorch.") },
  { "gpu", "gpu", "wsl", +1, "gpu", N_("WSL 2 passes NVIDIA GPUs through to Linux, and to Docker in it.") },
  { "gpu", "gpu", "venv", -1, "gpu", N_("pip brings PyTorch’s CUDA libraries, but the driver and other system libraries stay manual on each machine.") },
  { "gpu", "gpu", "appimage", -1, "gpu", N_("GPU computing from an AppImage or a Flatpak depends on the host’s driver and is fragile.") },
  { "gpu", "gpu", "flatpak", -1, "gpu", N_("GPU computing from an AppImage or a Flatpak depends on the host’s driver and is fragile.") },
  { "gpu", "gpu", "pyinstaller", -2, "size", N_("Bundling CUDA makes executables of several gigabytes that still depend on the host’s driver.") },
  { "gpu", "gpu", "nuitka", -2, "size", N_("Bundling CUDA makes executables of several gigabytes that still depend on the host’s driver.") },
  { "gpu", "gpu", "vm", -3, "gpu", N_("A GPU in a VM needs PCI passthrough, which is hard to set up and often impossible on a desktop.") },

  /* Do the target machines resemble yours? */
  { "similar", "alike", "venv", +3, "isolation", N_("The machines are alike, so a requirements.txt reproduces the environment.") },
  { "similar", "alike", "conda", +1, "isolation", N_("The machines are alike, so an environment.yml reproduces the environment.") },
  { "similar", "alike", "docker", -1, "isolation", N_("Alike machines gain little from a container’s own system.") },
  { "similar", "alike", "vm", -2, "resources", N_("A whole system copy is more than alike machines need.") },
  { "similar", "differ", "docker", +3, "isolation", N_("The machines differ: a container brings its own system libraries, so the environment is the same everywhere.") },
  { "similar", "differ", "vm", +2, "isolation", N_("The machines differ: a VM hides every difference, at a cost in speed.") },
  { "similar", "differ", "nix", +2, "isolation", N_("The machines differ: Nix pins every dependency, down to the C libraries.") },
  { "similar", "differ", "conda", +1, "isolation", N_("The machines differ: conda brings its own libraries, not only Python packages.") },
  { "similar", "differ", "venv", -3, "isolation", N_("The machines differ: a virtual environment does not cover differences in the system, drivers or libraries.") },

  /* Does the team know Docker? */
  { "docker", "knows", "docker", +2, "learning", N_("The team already knows Docker: nothing new to learn.") },
  { "docker", "new", "venv", +1, "learning", N_("Nothing new to learn: pip and venv are what Python developers know.") },
  { "docker", "new", "nix", -1, "learning", N_("Nix takes even longer to learn than Docker.") },
  { "docker", "new", "docker", -2, "learning", N_("The team would have to learn Docker first: images, volumes, networks.") },

  /* Must the source code stay hidden? */
  { "source", "hidden", "nuitka", +3, "protection", N_("Nuitka compiles Python to C: no source files are shipped, and they are hard to recover.") },
  { "source", "hidden", "pyinstaller", +1, "protection", N_("PyInstaller ships bytecode, not source files, though it can be extracted.") },
  { "source", "hidden", "docker", -1, "protection", N_("Anyone who can run the image can read the files in it.") },
  { "source", "hidden", "conda", -1, "protection", N_("A conda environment runs your source files as they are.") },
  { "source", "hidden", "briefcase", -1, "protection", N_("Briefcase ships your Python files inside the app.") },
  { "source", "hidden", "venv", -2, "protection", N_("A virtual environment runs your source files as they are.") },

  /* Are disk space and memory tight? */
  { "resources", "tight", "venv", +2, "resources", N_("A virtual environment adds only the packages it needs, and no memory at all.") },
  { "resources", "tight", "docker", -1, "size", N_("Images take disk space (the CUDA ones several gigabytes), though containers share the host’s kernel and memory.") },
  { "resources", "tight", "conda", -1, "size", N_("conda environments are large, several gigabytes with CUDA.") },
  { "resources", "tight", "flatpak", -1, "size", N_("The first Flatpak pulls in a runtime of several hundred megabytes.") },
  { "resources", "tight", "pyinstaller", -1, "size", N_("Every app bundles its own Python and libraries, often over 100 MB with Qt.") },
  { "resources", "tight", "vm", -3, "resources", N_("A VM reserves gigabytes of memory and disk for a whole system.") },
};

/*
 * Answers that rule an option out, not only lower it: the option leaves the
 * ranking, and the rule of the same answer and option says why. A unit test
 * keeps every line here paired with a rule that speaks against the option.
 */
static const struct {
  const char *question;
  const char *answer;
  const char *option;
} exclusions[] = {
  { "audience", "end-users", "wsl" },
  { "audience", "server", "appimage" },
  { "audience", "server", "flatpak" },
  { "audience", "server", "briefcase" },
  { "audience", "server", "wsl" },
  { "platforms", "linux", "wsl" },
  { "platforms", "cross", "appimage" },
  { "platforms", "cross", "flatpak" },
  { "gui", "no-gui", "appimage" },
};

void
matou_advisor_ranking_free (MatouAdvisorRanking *ranking)
{
  if (ranking == NULL)
    return;

  g_clear_pointer (&ranking->reasons, g_ptr_array_unref);
  g_free (ranking);
}

const MatouAdvisorQuestion *
matou_advisor_get_questions (guint *n_questions)
{
  *n_questions = G_N_ELEMENTS (questions);

  return questions;
}

const MatouAdvisorQuestion *
matou_advisor_find_question (const char *question_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    if (g_strcmp0 (questions[i].id, question_id) == 0)
      return &questions[i];

  return NULL;
}

const MatouAdvisorAnswer *
matou_advisor_find_answer (const MatouAdvisorQuestion *question,
                           const char                 *answer_id)
{
  g_return_val_if_fail (question != NULL, NULL);

  for (const MatouAdvisorAnswer *a = question->answers; a->id != NULL; a++)
    if (g_strcmp0 (a->id, answer_id) == 0)
      return a;

  return NULL;
}

/* The option ids, in the order that breaks ties; NULL-terminated. */
const char * const *
matou_advisor_get_options (void)
{
  return options;
}

const MatouAdvisorRule *
matou_advisor_get_rules (guint *n_rules)
{
  *n_rules = G_N_ELEMENTS (rules);

  return rules;
}

static guint
option_index (const char *option)
{
  for (guint i = 0; options[i] != NULL; i++)
    if (g_str_equal (options[i], option))
      return i;

  g_return_val_if_reached (G_MAXUINT);
}

static gboolean
rule_excludes (const MatouAdvisorRule *rule)
{
  for (guint i = 0; i < G_N_ELEMENTS (exclusions); i++)
    if (g_str_equal (exclusions[i].question, rule->question) &&
        g_str_equal (exclusions[i].answer, rule->answer) &&
        g_str_equal (exclusions[i].option, rule->option))
      return TRUE;

  return FALSE;
}

/**
 * matou_advisor_rule_excludes:
 * @rule: a rule of the table
 *
 * Returns: whether the rule's answer rules its option out altogether
 *   (WSL when the app runs on Linux only), rather than only lowering it.
 */
gboolean
matou_advisor_rule_excludes (const MatouAdvisorRule *rule)
{
  g_return_val_if_fail (rule != NULL, FALSE);

  return rule_excludes (rule);
}

static guint
rule_index (const MatouAdvisorRule *rule)
{
  return (guint) (rule - rules);
}

/* What speaks for an option first, strongest first; then what speaks against it, worst first. */
static int
compare_reasons (gconstpointer a,
                 gconstpointer b)
{
  const MatouAdvisorRule *ra = *(const MatouAdvisorRule * const *) a;
  const MatouAdvisorRule *rb = *(const MatouAdvisorRule * const *) b;

  if ((ra->weight > 0) != (rb->weight > 0))
    return ra->weight > 0 ? -1 : 1;
  if (ABS (ra->weight) != ABS (rb->weight))
    return ABS (rb->weight) - ABS (ra->weight);

  return (int) rule_index (ra) - (int) rule_index (rb);
}

static int
compare_rankings (gconstpointer a,
                  gconstpointer b)
{
  const MatouAdvisorRanking *ra = *(const MatouAdvisorRanking * const *) a;
  const MatouAdvisorRanking *rb = *(const MatouAdvisorRanking * const *) b;

  /* What the answers rule out comes last, in the table's order. */
  if ((ra->excluded_by != NULL) != (rb->excluded_by != NULL))
    return ra->excluded_by != NULL ? 1 : -1;
  if (ra->excluded_by == NULL && ra->score != rb->score)
    return rb->score - ra->score;

  return (int) option_index (ra->option) - (int) option_index (rb->option);
}

/**
 * matou_advisor_rank:
 * @answers: question id → answer id; questions left out are unanswered
 *
 * Applies every rule whose answer was given. Pure: the same answers always
 * give the same ranking.
 *
 * Returns: (transfer full): a #GPtrArray of #MatouAdvisorRanking, one per
 *   option, best first; equal scores keep the order of the four main
 *   options, then the others. Options an answer rules out (excluded_by
 *   set) come after all the others, in the table's order.
 */
GPtrArray *
matou_advisor_rank (GHashTable *answers)
{
  g_autoptr(GPtrArray) ranking = g_ptr_array_new_with_free_func ((GDestroyNotify) matou_advisor_ranking_free);

  g_return_val_if_fail (answers != NULL, NULL);

  for (guint i = 0; options[i] != NULL; i++)
    {
      MatouAdvisorRanking *entry = g_new0 (MatouAdvisorRanking, 1);

      entry->option = options[i];
      entry->reasons = g_ptr_array_new ();
      g_ptr_array_add (ranking, entry);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      const MatouAdvisorRule *rule = &rules[i];
      MatouAdvisorRanking *entry;

      if (g_strcmp0 (g_hash_table_lookup (answers, rule->question), rule->answer) != 0)
        continue;

      entry = g_ptr_array_index (ranking, option_index (rule->option));
      entry->score += rule->weight;
      g_ptr_array_add (entry->reasons, (gpointer) rule);
      if (entry->excluded_by == NULL && rule_excludes (rule))
        entry->excluded_by = rule;
    }

  for (guint i = 0; i < ranking->len; i++)
    {
      MatouAdvisorRanking *entry = g_ptr_array_index (ranking, i);

      g_ptr_array_sort (entry->reasons, compare_reasons);
    }
  g_ptr_array_sort (ranking, compare_rankings);

  return g_steal_pointer (&ranking);
}

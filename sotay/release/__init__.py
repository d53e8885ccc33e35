"""`make release VERSION=2025.1`: publish one edition of the handbook with mike. One module per concern:

- `versions`: the edition number (ASCII NĂM.SỐ) and aliases, checked before any shell or child sees them;
- `settings`: what mkdocs.yml says (remote, pages branch, site URL, mike's alias type, the known aliases);
- `git`: git in the project directory, and the gh-pages sync that protects other editions (mike#49);
- `changelog`: the "Chưa phát hành" notes moved under a dated entry, committed; and the undo;
- `build`: the bundle and the strict mkdocs build, each into a fresh directory of the run;
- `publish`: mike commits the built edition to gh-pages (in a child process), the atomic push;
- `process`: child processes in their own process groups, SIGINT/SIGTERM stop them all;
- `run`: the order of the steps, the undo, the command line.

In order: refuse a malformed version, a dirty tree, an unknown alias; fetch gh-pages (and with --push check
the branch is not behind); refuse a version already published (unless --replace) and moving `latest` back;
commit the changelog entry; bundle; build; copy the bundle's files into the version; check the "Tải về" links;
mike commits the version and moves the aliases; with --push one atomic push of the branch and gh-pages.
A failure or a signal after the changelog commit undoes it and puts gh-pages back; the remote is written only
by that last push.
"""

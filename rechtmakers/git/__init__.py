"""Every git call of rechtmakers, by job:

- repo.py: the repository, which commit a revision names, and `run`, through which every git
  command goes;
- history.py: reading history (commits, the ancestry graph, tags);
- files.py: reading files and objects at a revision, content keys;
- commit.py: writing commits and tags;
- signatures.py: commit signatures.

Git is spoken to through its plumbing commands, a few processes per command and never one per
commit or file. No git library: importing GitPython alone cost about 0.4 s, most of the 0.5 s
that `status` and `log` may take.
"""

#ifndef DSR_CARCHIVE_SHIM_H
#define DSR_CARCHIVE_SHIM_H

#include <archive.h>
#include <archive_entry.h>

// Swift does not import cast macros such as AE_IFREG; re-export them as constants.
static const unsigned int CARCHIVE_AE_IFREG = AE_IFREG;
static const unsigned int CARCHIVE_AE_IFDIR = AE_IFDIR;
static const int CARCHIVE_OK = ARCHIVE_OK;
static const int CARCHIVE_EOF = ARCHIVE_EOF;
static const int CARCHIVE_WARN = ARCHIVE_WARN;
static const int CARCHIVE_FATAL = ARCHIVE_FATAL;

// sync_file_range(2) is a GNU extension that Swift's Glibc module does not declare; the
// archive writer uses it to start writeback early (SYNC_FILE_RANGE_WRITE is 2 on Linux).
extern int sync_file_range(int fd, long offset, long nbytes, unsigned int flags);
static inline int carchive_start_writeback(int fd) { return sync_file_range(fd, 0, 0, 2); }

#endif

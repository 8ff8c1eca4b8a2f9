;;; eglot_collect.el --- what a user of eglot sees of component-lsp, gathered in batch mode  -*- lexical-binding: t -*-
;;
;; tests/editors/test_emacs.py runs `emacs --batch' with the configuration of docs/editors.md loaded, then this
;; file.  It visits the files named by COMPONENT_LSP_FILES (the first one Dockerfile-format, the second a YAML
;; component, the third a template), as a user would, and writes to COMPONENT_LSP_RESULT, as JSON: Flymake's
;; diagnostics of each file, the hover text eglot shows, and the line completion leaves.  The assertions are in
;; the test.

(require 'package)
(package-initialize)
(require 'eglot)
(require 'json)
(require 'seq)

(defvar collect-result (getenv "COMPONENT_LSP_RESULT"))
(defvar collect-files (split-string (getenv "COMPONENT_LSP_FILES") ";"))

(defun collect-wait (predicate seconds)
  "Wait for PREDICATE, reading the server's output, at most SECONDS; its last value."
  (let ((end (+ (float-time) seconds)) value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) end))
      (accept-process-output nil 0.05))
    value))

(defun collect-visit (file)
  "Visit FILE as a user would: the mode from its name, then eglot (its hook runs after the command)."
  (find-file file)
  (run-hooks 'post-command-hook) ; what the command loop runs after the command that visited the file
  (unless (collect-wait (lambda () eglot--managed-mode) 30)
    (error "eglot did not start for %s" file))
  (flymake-start) ; after a command, once the buffer shows (batch mode has no display to wait for)
  (collect-wait (lambda () (memq 'eglot-flymake-backend (flymake-reporting-backends))) 30)
  (collect-wait #'ignore 0.5) ; diagnostics that come after the first
  (current-buffer))

(defun collect-diagnostics ()
  (mapcar (lambda (d)
            (save-excursion
              (goto-char (flymake-diagnostic-beg d))
              `((line . ,(line-number-at-pos)) (column . ,(- (point) (line-beginning-position))) ; characters
                (type . ,(symbol-name (flymake-diagnostic-type d))) (text . ,(flymake-diagnostic-text d)))))
          (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))))

(defun collect-hover ()
  "The text eglot puts in the echo area for the symbol at point (eldoc's, from the hover)."
  (let ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                (eglot--TextDocumentPositionParams))))
    (and hover (eglot--hover-info (plist-get hover :contents)))))

(defun collect-complete ()
  "Complete at point as a user does, with C-M-i (`completion-at-point', eglot's styles): the line it leaves."
  (completion-at-point)
  (buffer-substring-no-properties (line-beginning-position) (line-end-position)))

(let ((result '()))
  (condition-case err
      (let (component yaml template)
        ;; A Dockerfile-format component: its diagnostics, a hover, an edit.
        (setq component (collect-visit (nth 0 collect-files)))
        (push `(component . ,(collect-diagnostics)) result)
        (goto-char (point-min))
        (re-search-forward "^RUN$")
        (beginning-of-line)
        (push `(hover . ,(collect-hover)) result)
        (end-of-line)
        (insert " echo fixed")
        (eglot--signal-textDocument/didChange)
        (collect-wait (lambda () (not (seq-some (lambda (d) (= (line-number-at-pos (flymake-diagnostic-beg d)) 5))
                                                 (flymake-diagnostics))))
                      10)
        (push `(edited . ,(collect-diagnostics)) result)
        ;; A YAML component: completing the action being typed.
        (setq yaml (collect-visit (nth 1 collect-files)))
        (push `(yaml . ,(collect-diagnostics)) result)
        (goto-char (point-min))
        (re-search-forward "Action: RunSh")
        (push `(completion . ,(collect-complete)) result)
        ;; A template, in the same mode (one language id for every file).
        (setq template (collect-visit (nth 2 collect-files)))
        (push `(template . ,(collect-diagnostics)) result)
        (push `(language . ,(eglot--language-id (eglot-current-server))) result)
        (ignore component yaml template)
        (push '(error . nil) result))
    (error (push `(error . ,(error-message-string err)) result)))
  (with-temp-file collect-result
    (insert (json-encode result))))
(kill-emacs 0)
